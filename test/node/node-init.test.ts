import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectBus, consumers, inboxPrefix, streams } from '../../libs/bus/index.js';
import { readStackFile } from '../../libs/client/index.js';
import { nodeLayout, openNode, readNodeConfig, VIEW_KEY_BYTES } from '../../libs/node/index.js';
import { credsFileOf } from '../../libs/stack/index.js';
import { rotateAgencyCredentialsIn } from '../../libs/context/index.js';
import { runCli } from '../harness/run-cli.js';
import { registerAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';

const A = 'it-police';

let bus: TestBus;
let scratch: string;
let made = 0;
const nodeDir = () => join(scratch, `node-${(made += 1)}`);
const mode = (path: string) => statSync(path).mode & 0o777;

/** The files handed over for a node of A on a bus elsewhere (`agency node-access`). */
function handedOver(): string[] {
  const stack = readStackFile(bus.dir);
  return [
    '--nats',
    stack.natsUrl,
    '--ca',
    stack.caFile ?? '',
    '--creds',
    credsFileOf(bus.layout, { kind: 'node', agency: A }),
    '--key',
    stack.agencies[A]?.signingKey ?? '',
    '--bus-public-key',
    stack.busPublicKey,
    '--audit-public-key',
    stack.auditPublicKey,
  ];
}

/** A handed-over set with one option's value replaced. */
function withOption(option: string, value: string): string[] {
  const args = handedOver();
  args[args.indexOf(option) + 1] = value;
  return args;
}

beforeAll(async () => {
  bus = await startTestBus();
  await registerAgency(bus, { id: A, country: 'IT', role: 'police', groups: ['med'] });
  scratch = mkdtempSync(join(tmpdir(), 'accord-node-init-'));
});

afterAll(async () => {
  await bus?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('accord node init --stack', () => {
  let dir: string;

  beforeAll(async () => {
    dir = nodeDir();
    const run = await runCli('node', 'init', '--agency', A, '--dir', dir, '--stack', bus.dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('accord node officer add');
    expect(run.stdout).toContain(`accord node serve --dir ${dir}`);
  });

  test("makes a folder openNode() opens, pointing at the stack's own seed file", () => {
    const node = openNode(dir);
    try {
      expect(node.config.agency).toBe(A);
      expect(node.config.credentials).toBe(credsFileOf(bus.layout, { kind: 'node', agency: A }));
      expect(node.config.natsUrl).toBe(bus.stack.natsUrl);
      expect(readStackFile(bus.dir).agencies[A]?.nodeCreds).toBe(node.config.credentials);
      expect(node.db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    } finally {
      node.close();
    }
  });

  test('keeps its secrets in a 0700 folder, every file 0600, the database too', () => {
    const layout = nodeLayout(dir);
    expect(mode(layout.secrets)).toBe(0o700);
    const files = readdirSync(layout.secrets);
    expect(files.sort()).toEqual([
      'audit-signing.jwk.pub',
      'bus-ca.pem',
      'bus-signing.jwk.pub',
      'session.secret',
      'signing.jwk',
      'view.key',
    ]);
    for (const file of files) expect(mode(join(layout.secrets, file)), file).toBe(0o600);
    expect(mode(layout.config)).toBe(0o600);
    expect(mode(layout.database)).toBe(0o600);
    expect(readFileSync(layout.viewKey)).toHaveLength(VIEW_KEY_BYTES);
    expect(readFileSync(layout.sessionSecret)).toHaveLength(32);
    expect(readFileSync(layout.signingKey, 'utf8')).toBe(readFileSync(readStackFile(bus.dir).agencies[A]?.signingKey ?? '', 'utf8'));
  });

  test('the node connects with what node.json names and reaches its own consumer', async () => {
    const config = readNodeConfig(nodeLayout(dir).config);
    const nc = await connectBus({
      url: config.natsUrl,
      name: 'node-init-test',
      credsFile: config.credentials,
      caFile: config.caFile ?? '',
      inboxPrefix: inboxPrefix({ kind: 'node', agency: A }),
      reconnect: false,
    });
    try {
      const consumer = await jetstream(nc).consumers.get(streams.deliveries, consumers.node(A));
      expect((await consumer.info()).name).toBe(consumers.node(A));
    } finally {
      await nc.close();
    }
  });

  test('refuses a folder that is already a node, and leaves it as it was', async () => {
    const layout = nodeLayout(dir);
    const before = { config: readFileSync(layout.config, 'utf8'), viewKey: readFileSync(layout.viewKey) };
    const run = await runCli('node', 'init', '--agency', A, '--dir', dir, '--stack', bus.dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('E_EXISTS');
    expect(run.stderr).toContain('--renew-creds');
    expect(readFileSync(layout.config, 'utf8')).toBe(before.config);
    expect(readFileSync(layout.viewKey)).toEqual(before.viewKey);
  });

  test('after rotate-creds, the same file holds the new seed; --renew-creds keeps keys and database', async () => {
    const layout = nodeLayout(dir);
    const before = readNodeConfig(layout.config);
    const viewKey = readFileSync(layout.viewKey);
    const rotated = await rotateAgencyCredentialsIn(bus.dir, A);
    expect(rotated.nodeCreds).toBe(before.credentials);
    const run = await runCli('node', 'init', '--dir', dir, '--renew-creds', '--stack', bus.dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readNodeConfig(layout.config)).toEqual(before);
    expect(readFileSync(layout.viewKey)).toEqual(viewKey);
  });
});

describe('accord node init --nats', () => {
  test('copies every file into the node, the credential to secrets/node.creds', async () => {
    const dir = nodeDir();
    const run = await runCli('node', 'init', '--agency', A, '--dir', dir, ...handedOver(), '--retention-days', '30');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const layout = nodeLayout(dir);
    const node = openNode(dir);
    node.close();
    expect(node.config).toEqual({
      agency: A,
      natsUrl: bus.stack.natsUrl,
      caFile: layout.caFile,
      credentials: layout.credentials,
      signingKey: layout.signingKey,
      busPublicKey: layout.busPublicKey,
      auditPublicKey: layout.auditPublicKey,
      retentionDays: 30,
    });
    expect(readFileSync(layout.credentials, 'utf8')).toBe(readFileSync(credsFileOf(bus.layout, { kind: 'node', agency: A }), 'utf8'));
    for (const file of readdirSync(layout.secrets)) expect(mode(join(layout.secrets, file)), file).toBe(0o600);
  });

  test('--renew-creds --creds copies the renewed credential and keeps the rest', async () => {
    const dir = nodeDir();
    expect((await runCli('node', 'init', '--agency', A, '--dir', dir, ...handedOver())).status).toBe(0);
    const layout = nodeLayout(dir);
    const viewKey = readFileSync(layout.viewKey);
    const { nodeCreds = '' } = await rotateAgencyCredentialsIn(bus.dir, A);
    const run = await runCli('node', 'init', '--dir', dir, '--renew-creds', '--creds', nodeCreds);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(layout.credentials, 'utf8')).toBe(readFileSync(nodeCreds, 'utf8'));
    expect(readFileSync(layout.viewKey)).toEqual(viewKey);
  });

  test.each(['--ca', '--creds', '--key', '--bus-public-key', '--audit-public-key'])(
    'a missing %s file is named, and nothing is made',
    async (option) => {
      const dir = nodeDir();
      const run = await runCli('node', 'init', '--agency', A, '--dir', dir, ...withOption(option, join(scratch, 'no-such-file')));
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`${option} ${join(scratch, 'no-such-file')}: no such file`);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(dir)).toBe(false);
    },
  );

  test('a file of the wrong kind is named with its option', async () => {
    const publicKey = readStackFile(bus.dir).busPublicKey;
    const asKey = await runCli('node', 'init', '--agency', A, '--dir', nodeDir(), ...withOption('--key', publicKey));
    expect(asKey.stderr).toContain(`--key ${publicKey} is a public key`);
    const asCreds = await runCli('node', 'init', '--agency', A, '--dir', nodeDir(), ...withOption('--creds', publicKey));
    expect(asCreds.status).toBe(1);
    expect(asCreds.stderr).toContain(`--creds ${publicKey} is neither`);
    const notPem = join(scratch, 'not-a-cert.pem');
    writeFileSync(notPem, 'hello');
    const asCa = await runCli('node', 'init', '--agency', A, '--dir', nodeDir(), ...withOption('--ca', notPem));
    expect(asCa.status).toBe(1);
    expect(asCa.stderr).toContain(`--ca ${notPem} is not a PEM certificate`);
  });

  test('--nats without the rest, or with --stack, is a usage error naming what to give', async () => {
    const partial = await runCli('node', 'init', '--agency', A, '--dir', nodeDir(), '--nats', bus.stack.natsUrl, '--ca', 'x');
    expect(partial.status).toBe(2);
    expect(partial.stderr).toContain('--nats needs --creds FILE, --key FILE, --bus-public-key FILE');
    const both = await runCli('node', 'init', '--agency', A, '--dir', nodeDir(), '--stack', bus.dir, ...handedOver());
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--stack and --nats are exclusive');
    const neither = await runCli('node', 'init', '--agency', A, '--dir', nodeDir());
    expect(neither.status).toBe(2);
    expect(neither.stderr).toContain('give --stack DIR');
    const badUrl = await runCli('node', 'init', '--agency', A, '--dir', nodeDir(), ...withOption('--nats', 'https://bus.example.org'));
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toContain('--nats https://bus.example.org: expected URLs such as tls://');
  });
});
