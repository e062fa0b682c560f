import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InboxStore, SentStore, signNotice } from '../../libs/client/index.js';
import { stackLayout } from '../../libs/stack/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { parties } from '../harness/view-fixture.js';
import { withdrawalCodeNames } from '../../libs/notice/index.js';
import { v1 } from '../../libs/proto/index.js';
import { runCliSync as accord } from '../harness/run-cli.js';

const EARLIER = '5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11';

/** A folder with no stack in it: each verb stops at stack.json, after everything it checks alone. */
let dir: string;
let replyFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'accord-relation-verbs-'));
  replyFile = join(dir, 'reply.json');
  writeFileSync(
    replyFile,
    JSON.stringify({ caseRef: 'LY-CG-2026-0101', type: 'INTELLIGENCE_REPORT', tlp: 'AMBER', mode: 'SEA', route: { destination: ['IT'] } }),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('accord reply, update and withdraw on the command line', () => {
  test('each --help gives its usage, its options and an example', () => {
    for (const verb of ['reply', 'update', 'withdraw']) {
      const run = accord(verb, '--help');
      expect(run.status, verb).toBe(0);
      expect(run.stdout, verb).toContain(`Usage: accord ${verb} --as ID NOTICE_ID`);
      for (const option of ['--dir DIR', '--key FILE', '--creds FILE', '--wait', '--json']) expect(run.stdout, verb).toContain(option);
      expect(run.stdout, verb).toContain(`Example: accord ${verb}`);
    }
  });

  test('withdraw --help lists the withdrawal codes and warns that the reason must name no person', () => {
    const run = accord('withdraw', '--help');
    expect(run.stdout).toContain(withdrawalCodeNames().join(', '));
    expect(run.stdout).toContain('name no person');
  });

  test('reply and update without NOTICE_ID and a file exit 2 saying what is expected', () => {
    for (const verb of ['reply', 'update']) {
      const run = accord(verb, '--as', 'ly-coastguard', '--dir', dir, EARLIER);
      expect(run.status, verb).toBe(2);
      expect(run.stderr, verb).toContain('expected NOTICE_ID and the notice file');
    }
  });

  test('a NOTICE_ID that is not a UUID exits 2, for each verb', () => {
    for (const args of [
      ['reply', 'n-42', replyFile],
      ['update', 'n-42', replyFile],
      ['withdraw', 'n-42', '--reason', 'Duplicate.'],
    ]) {
      const run = accord(...args, '--as', 'it-police', '--dir', dir);
      expect(run.status, args[0]).toBe(2);
      expect(run.stderr, args[0]).toContain('NOTICE_ID "n-42" is not a noticeId');
    }
  });

  test('a file naming another agency as issuingAgency exits 2, and nothing is published', () => {
    const other = join(dir, 'other-issuer.json');
    writeFileSync(other, JSON.stringify({ issuingAgency: 'it-police', caseRef: 'X-1' }));
    const run = accord('reply', '--as', 'ly-coastguard', EARLIER, other, '--dir', dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('issuingAgency is "it-police" but publishing --as ly-coastguard');
  });

  test("reply addresses the earlier notice's issuer, found in the agency's local store, and says so", () => {
    const store = new InboxStore(join(dir, 'agencies', 'ly-coastguard', 'inbox'));
    store.save(1, new Uint8Array(), {
      view: v1.DeliveredView.create({ format: 2, recipient: 'ly-coastguard', core: { noticeId: EARLIER, issuingAgency: 'it-police' } }),
      elements: [],
    });
    const run = accord('reply', '--as', 'ly-coastguard', EARLIER, replyFile, '--dir', dir);
    expect(run.stderr).toContain(`addressees: it-police added, the issuer of ${EARLIER}`);
    expect(run.stderr).toContain('noticeId: ');
    expect(run.stderr).toContain('accord stack up');
    expect(run.status).toBe(1);
  });

  test('reply warns when the store does not hold the notice: its issuer must be among the addressees', () => {
    const run = accord('reply', '--as', 'mt-police', EARLIER, replyFile, '--dir', dir);
    expect(run.stderr).toContain(`${EARLIER} is not in mt-police's local store`);
  });

  test("update of the original's own JSON says it gets a fresh noticeId and issuedAt now", () => {
    const edited = join(dir, 'edited.json');
    writeFileSync(
      edited,
      JSON.stringify({ noticeId: EARLIER, issuingAgency: 'it-police', issuedAt: '2026-12-01T08:00:00Z', caseRef: 'X-1' }),
    );
    const run = accord('update', '--as', 'it-police', EARLIER, edited, '--dir', dir);
    expect(run.stderr).toContain(`a fresh one (the file had ${EARLIER}'s own)`);
    expect(run.stderr).toContain('issuedAt: now');
  });

  test('withdraw without --reason exits 2 naming it', () => {
    const run = accord('withdraw', '--as', 'it-police', EARLIER, '--dir', dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--reason is required');
  });

  test('withdraw with a code that is not one exits 2 listing the valid ones', () => {
    const run = accord('withdraw', '--as', 'it-police', EARLIER, '--reason', 'Duplicate.', '--code', 'MISTAKE', '--dir', dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`--code MISTAKE: expected one of ${withdrawalCodeNames().join(', ')}`);
  });

  test('withdraw with a marked-up reason exits 2: the reason is plain text', () => {
    const run = accord('withdraw', '--as', 'it-police', EARLIER, '--reason', 'Not {{persons[0]}}', '--dir', dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--reason: ');
  });

  test('withdraw warns on stderr that the reason reaches every recipient and must name no person', () => {
    const run = accord('withdraw', '--as', 'it-police', EARLIER, '--reason', 'Duplicate of an earlier alert.', '--dir', dir);
    expect(run.stderr).toContain('the reason reaches every recipient');
    expect(run.stderr).toContain('name no person in it');
  });

  test('withdraw refuses a reason that names a person of the kept notice, naming the field, not the value', async () => {
    const notice = sampleNotice('it-police');
    new SentStore(stackLayout(dir).agencySent('it-police')).keep(
      notice.noticeId ?? '',
      await signNotice(notice, (await parties()).originator),
    );
    const run = accord(
      'withdraw',
      '--as',
      'it-police',
      notice.noticeId ?? '',
      '--reason',
      'Kamal Haddad is not the skipper.',
      '--dir',
      dir,
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('persons[0].fullName');
    expect(run.stderr).not.toContain('Haddad');
  });
});
