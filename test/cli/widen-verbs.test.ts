import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WIDEN_TEXT_MAX_CHARS, WIDENABLE_CATEGORIES } from '../../libs/client/index.js';
import { messageToJson, timestampFromDate, v1 } from '../../libs/proto/index.js';
import { generateSigningKeyPair } from '../../libs/signing/index.js';
import { parseExpires, widenTable } from '../../cli/commands/widen.js';
import { runCliSync as accord } from '../harness/run-cli.js';
import { sampleNotice } from '../harness/sample-notice.js';

const NOTICE = '5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11';
const REQUEST = '0b6e2f4a-3c1d-4e5f-8a9b-7c6d5e4f3a2b';
const VALID = WIDENABLE_CATEGORIES.join(', ');

/** A folder with no stack in it: each verb stops at stack.json, after everything it checks alone. */
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'accord-widen-verbs-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const request = (...extra: string[]) => accord('widen', 'request', '--as', 'ly-coastguard', '--dir', dir, ...extra);

describe('accord widen on the command line', () => {
  test('each --help gives its usage, its options and an example', () => {
    for (const verb of ['request', 'list', 'release', 'refuse']) {
      const run = accord('widen', verb, '--help');
      expect(run.status, verb).toBe(0);
      expect(run.stdout, verb).toContain(`Usage: accord widen ${verb} --as ID`);
      for (const option of ['--dir DIR', '--creds FILE', '--json']) expect(run.stdout, verb).toContain(option);
      expect(run.stdout, verb).toContain(`Example: accord widen ${verb}`);
    }
  });

  test('request --help lists the categories that may be asked for; release --help its key and expiry', () => {
    expect(accord('widen', 'request', '--help').stdout).toContain(VALID);
    const release = accord('widen', 'release', '--help').stdout;
    for (const words of [
      '--key FILE',
      '--expires DURATION',
      'default\n                    7d, at most 30d',
      'only notices\npublished from this folder',
    ])
      expect(release).toContain(words);
  });

  test('the verbs are in the overview', () => {
    const overview = accord('--help').stdout;
    for (const verb of ['request', 'list', 'release', 'refuse']) expect(overview).toContain(`widen ${verb}`);
  });

  test('a category that is not one, or core, exits 2 listing the valid ones', () => {
    for (const category of ['names', 'core']) {
      const run = request(NOTICE, '--category', category, '--reason', 'Same skipper.');
      expect(run.status, category).toBe(2);
      expect(run.stderr, category).toContain(`--category ${category}: expected one of ${VALID}`);
    }
  });

  test('request without --category, or without --reason, exits 2 naming it', () => {
    const noCategory = request(NOTICE, '--reason', 'Same skipper.');
    expect(noCategory.status).toBe(2);
    expect(noCategory.stderr).toContain('--category is required');
    const noReason = request(NOTICE, '--category', 'financial');
    expect(noReason.status).toBe(2);
    expect(noReason.stderr).toContain('--reason is required');
  });

  test('a reason longer than routing keeps exits 2', () => {
    const run = request(NOTICE, '--category', 'financial', '--reason', 'x'.repeat(WIDEN_TEXT_MAX_CHARS + 1));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`at most ${WIDEN_TEXT_MAX_CHARS}`);
  });

  test('a NOTICE_ID or REQUEST_ID that is not a UUID exits 2, for each verb', () => {
    for (const args of [
      ['request', 'n-42', '--category', 'financial', '--reason', 'Same skipper.', '--as', 'ly-coastguard'],
      ['release', 'n-42', '--as', 'it-police'],
      ['refuse', 'n-42', '--as', 'it-police'],
    ]) {
      const run = accord('widen', ...args, '--dir', dir);
      expect(run.status, args[0]).toBe(2);
      expect(run.stderr, args[0]).toContain('"n-42" is not a UUID');
    }
  });

  test('without --as, or with a positional where none is taken, exits 2', () => {
    expect(accord('widen', 'list', '--dir', dir).stderr).toContain('--as is required');
    const extra = accord('widen', 'list', '--as', 'it-police', '--dir', dir, REQUEST);
    expect(extra.status).toBe(2);
    expect(extra.stderr).toContain(`unexpected argument "${REQUEST}"`);
    const missing = accord('widen', 'release', '--as', 'it-police', '--dir', dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('expected the REQUEST_ID to release');
  });

  test('release with an expiry beyond 30 days, or not a duration, exits 2', () => {
    for (const expires of ['31d', '0d', '7', '1w']) {
      const run = accord('widen', 'release', REQUEST, '--as', 'it-police', '--expires', expires, '--dir', dir);
      expect(run.status, expires).toBe(2);
      expect(run.stderr, expires).toContain(`--expires ${expires}: expected a duration such as 7d or 12h, at most 30d`);
    }
  });

  test('a well-formed request reaches for the stack, and exits 1 where there is none', () => {
    const run = request(NOTICE, '--category', 'financial', '--category', 'smuggler.identity', '--reason', 'Same skipper.');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('stack');
  });
});

describe('--expires', () => {
  test('is days or hours, 7 days when absent', () => {
    expect(parseExpires(undefined)).toBe(7 * 86_400_000);
    expect(parseExpires('12h')).toBe(12 * 3_600_000);
    expect(parseExpires('30d')).toBe(30 * 86_400_000);
    expect(parseExpires('720h')).toBe(30 * 86_400_000);
  });
});

describe('the list as a table', () => {
  const record = (overrides: Partial<v1.WidenRecord.$Properties>) =>
    v1.WidenRecord.create({
      requestId: REQUEST,
      noticeId: NOTICE,
      requester: 'ly-coastguard',
      issuer: 'it-police',
      categories: ['smuggler.identity', 'financial'],
      reason: 'The same skipper is reported in our case LY-7 of last week, with another boat.',
      status: v1.WidenStatus.PENDING,
      requestedAt: timestampFromDate(new Date('2026-12-03T10:00:00Z')),
      ...overrides,
    });

  test('has a heading and a line per request: id, notice, requester → issuer, categories, status, reason shortened', () => {
    const [heading, line] = widenTable([record({})]).split('\n');
    expect(heading).toMatch(/^REQUEST +NOTICE +FROM → TO +CATEGORIES +STATUS +REASON$/);
    expect(line).toContain(`${REQUEST}  ${NOTICE}  ly-coastguard → it-police  smuggler.identity,financial  PENDING  `);
    expect(line).toContain('The same skipper is reported in our cas…');
    expect(line).not.toContain('another boat');
  });

  test("another agency's reason stays on its line, its controls escaped", () => {
    const table = widenTable([record({ reason: 'two\nlines \u001b[2J', status: v1.WidenStatus.REFUSED })]);
    expect(table.split('\n')).toHaveLength(2);
    expect(table).toContain('REFUSED');
    expect(table).toContain('two lines \\u001b[2J');
  });
});

describe('the verbs that sign a notice keep it, before publishing it', () => {
  test('publish keeps the signed notice in DIR/agencies/ID/sent (0600), even when the bus is out of reach', async () => {
    // A stack folder whose agency has a demo key and no credential: the verb signs, keeps, then cannot connect.
    const stack = mkdtempSync(join(tmpdir(), 'accord-kept-'));
    try {
      const keyFile = join(stack, 'it-police.jwk');
      writeFileSync(keyFile, JSON.stringify((await generateSigningKeyPair()).privateJwk));
      writeFileSync(
        join(stack, 'stack.json'),
        JSON.stringify({
          natsUrl: 'nats://127.0.0.1:1',
          busPublicKey: join(stack, 'bus.jwk.pub'),
          agencies: { 'it-police': { signingKey: keyFile } },
        }),
      );
      mkdirSync(join(stack, 'agencies', 'it-police'), { recursive: true });
      const notice = sampleNotice('it-police');
      const file = join(stack, 'notice.json');
      writeFileSync(file, JSON.stringify(messageToJson('accord.v1.CaseNotice', notice)));
      const run = accord('publish', '--as', 'it-police', file, '--dir', stack);
      expect(run.status, run.stderr).toBe(1);
      const kept = join(stack, 'agencies', 'it-police', 'sent', `${notice.noticeId}.signed`);
      expect(statSync(kept).mode & 0o777).toBe(0o600);
      const signed = v1.SignedNotice.decode(readFileSync(kept));
      expect(v1.NoticeManifest.decode(signed.manifest).core).toMatchObject({ noticeId: notice.noticeId, issuingAgency: 'it-police' });
    } finally {
      rmSync(stack, { recursive: true, force: true });
    }
  });
});
