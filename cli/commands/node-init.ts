import { relative } from 'node:path';
import { initNode, renewNodeCredentials, type InitNodeResult, type NodeSource } from '../../libs/node/index.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseCount, parseOptions, requireOption } from '../parse-options.js';

const NATS_FILES = ['ca', 'creds', 'key', 'bus-public-key'] as const;
const HANDED_OVER = [...NATS_FILES, 'audit-public-key'] as const;

type Values = Partial<Record<'stack' | 'nats' | (typeof HANDED_OVER)[number] | 'retention-days', string>>;

const given = (values: Values, names: readonly (keyof Values)[]): string[] =>
  names.filter((n) => values[n] !== undefined).map((n) => `--${n}`);

function sourceOf(values: Values): NodeSource {
  if (values.stack !== undefined && values.nats !== undefined) {
    throw usageError('--stack and --nats are exclusive: --stack DIR for a stack on this machine, --nats URL for a bus elsewhere');
  }
  if (values.stack !== undefined) {
    const extra = given(values, ['ca', 'creds', 'bus-public-key', 'audit-public-key']);
    if (extra.length > 0)
      throw usageError(`--stack takes the CA, the credential and the public keys from the stack: drop ${extra.join(', ')}`);
    return values.key === undefined ? { stack: values.stack } : { stack: values.stack, signingKey: values.key };
  }
  if (values.nats === undefined) {
    throw usageError('give --stack DIR (a stack on this machine) or --nats URL with --ca, --creds, --key and --bus-public-key');
  }
  const missing = NATS_FILES.filter((n) => values[n] === undefined).map((n) => `--${n} FILE`);
  if (missing.length > 0) throw usageError(`--nats needs ${missing.join(', ')} (the files from the bus's operator and your key)`);
  const source: NodeSource = {
    natsUrl: values.nats,
    caFile: values.ca ?? '',
    credentials: values.creds ?? '',
    signingKey: values.key ?? '',
    busPublicKey: values['bus-public-key'] ?? '',
  };
  if (values['audit-public-key'] !== undefined) source.auditPublicKey = values['audit-public-key'];
  return source;
}

function renewed(dir: string, values: Values, agency: string | undefined): Promise<InitNodeResult> {
  const extra = given(values, ['nats', 'ca', 'key', 'bus-public-key', 'audit-public-key', 'retention-days']);
  if (extra.length > 0) throw usageError(`--renew-creds changes only the credential: drop ${extra.join(', ')}`);
  if (values.stack !== undefined && values.creds !== undefined)
    throw usageError('--renew-creds takes --stack DIR or --creds FILE, not both');
  if (values.stack !== undefined) return renewNodeCredentials(dir, { stack: values.stack }, agency);
  if (values.creds !== undefined) return renewNodeCredentials(dir, { credentials: values.creds }, agency);
  throw usageError('--renew-creds needs --stack DIR (the stack renewed it in place) or --creds FILE (the renewed file)');
}

function report({ layout, config }: InitNodeResult): string {
  const inNode = (path: string) => (path.startsWith(`${layout.dir}/`) ? relative(layout.dir, path) : path);
  const rows: [string, string][] = [
    ['node.json', `the configuration (bus ${config.natsUrl}, views kept ${config.retentionDays} days)`],
    ['node.db', 'the database of views, officers, tokens and receipts'],
    [inNode(layout.viewKey), 'the key views are sealed under: back it up apart from node.db'],
    [inNode(layout.sessionSecret), "signs officers' sessions"],
    [inNode(config.signingKey), "the agency's signing key (it never leaves the node)"],
    [inNode(config.credentials), 'the NATS credential of the node'],
  ];
  const width = Math.max(...rows.map(([file]) => file.length));
  return [
    `node of ${config.agency} set up in ${layout.dir}`,
    ...rows.map(([file, what]) => `  ${file.padEnd(width)}  ${what}`),
    '',
    'Next:',
    `  accord node officer add NAME --role admin --dir ${layout.dir}`,
    `  accord node serve --dir ${layout.dir}`,
    '',
  ].join('\n');
}

export const nodeInitCommand: Command = {
  name: 'node init',
  summary: "set up an agency node's folder: its bus access, keys and database",
  help: `Usage: accord node init --agency ID --dir NODE_DIR --stack DIR [--key FILE] [--retention-days N]
       accord node init --agency ID --dir NODE_DIR --nats URL --ca FILE --creds FILE --key FILE
                        --bus-public-key FILE [--audit-public-key FILE] [--retention-days N]
       accord node init --dir NODE_DIR --renew-creds (--stack DIR | --creds FILE)

Sets up NODE_DIR for the agency's node: node.json, the database node.db, and in secrets/
(mode 0700, files 0600) a new view key (back it up apart from node.db: the views are
sealed under it) and session secret, the agency's signing key and what it verifies with.

  --stack DIR            a stack on this machine: issues the node's access there (as
                         \`accord agency node-access\` does) and uses the stack's credential
                         file in place, so \`accord agency rotate-creds\` renews it; copies
                         the CA and public keys; the signing key is the agency's demo key,
                         or --key FILE
  --nats URL             the bus elsewhere (a cluster: URLs separated by commas), with the
                         files its operator handed over, each copied into the node:
    --ca FILE                 the bus's CA certificate
    --creds FILE              the node's credential (\`accord agency node-access\`)
    --bus-public-key FILE     the bus's public key, which views are verified with
    --audit-public-key FILE   the audit key, which checkpoints are verified with
  --key FILE             the agency's private signing key (\`accord keys generate\`)
  --retention-days N     views received longer ago are purged (default 365)
  --renew-creds          for an existing node: only point it at its renewed credential (the
                         stack's, or a copy of --creds FILE); database and keys are kept
  --json                 {"dir", "agency", "config"}

An existing node (NODE_DIR/node.json) is refused unless --renew-creds.

Example: accord node init --agency it-police --dir ./it-node --stack ./my-stack`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      {
        agency: { type: 'string' },
        dir: { type: 'string' },
        stack: { type: 'string' },
        nats: { type: 'string' },
        ca: { type: 'string' },
        creds: { type: 'string' },
        key: { type: 'string' },
        'bus-public-key': { type: 'string' },
        'audit-public-key': { type: 'string' },
        'retention-days': { type: 'string' },
        'renew-creds': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      { min: 0, max: 0, names: '' },
    );
    const dir = requireOption(values.dir, 'dir');
    let result: InitNodeResult;
    if (values['renew-creds']) result = await renewed(dir, values, values.agency);
    else {
      const agency = requireOption(values.agency, 'agency');
      const source = sourceOf(values);
      const retentionDays = parseCount(values['retention-days'], 'retention-days');
      result = await initNode(dir, agency, source, retentionDays === undefined ? {} : { retentionDays });
    }
    if (values.json)
      process.stdout.write(`${JSON.stringify({ dir: result.layout.dir, agency: result.config.agency, config: result.config })}\n`);
    else if (values['renew-creds']) {
      process.stdout.write(
        `node of ${result.config.agency} in ${result.layout.dir} now uses the credential ${result.config.credentials}\n`,
      );
    } else process.stdout.write(report(result));
    return EXIT.ok;
  },
};
