/**
 * A handful of the adversarial notices through a live stack, as users send and read
 * them: `accord publish --wait` by the issuer, `accord inbox` by each recipient, each view
 * as the inbox stored it (the signed bytes) judged by the adversarial suite's own judge
 * (test/redaction/adversarial/).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InboxStore, verifySignedView } from '../../libs/client/index.js';
import { isCategory } from '../../libs/notice/index.js';
import { messageToJson, timestampFromDate, v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../../libs/signing/index.js';
import { packageRoot, stackLayout } from '../../libs/stack/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import type { RecipientView, TestRecipient } from '../harness/views-of.js';
import { expectedGrants, grantedNames, secretsOf } from '../redaction/adversarial/expected.js';
import { describeLeak, judgeView, witnessTraces } from '../redaction/adversarial/judge.js';
import { shapeDifferences, shapeOf } from '../redaction/adversarial/view-shape.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-adversarial-stack-'));
const cli = join(packageRoot(), 'dist', 'cli', 'main.js');

function accord(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, ...args, '--dir', dir], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const ISSUER: TestRecipient = { id: 'it-police', role: 'police', country: 'IT' };
const RECIPIENTS: TestRecipient[] = [
  { id: 'de-police', role: 'police', country: 'DE' },
  { id: 'ly-coastguard', role: 'coastguard', country: 'LY' },
  { id: 'it-protection', role: 'protection', country: 'IT' },
  { id: 'it-prosecutor', role: 'prosecutor', country: 'IT' },
  { id: 'fr-fiu', role: 'fiu', country: 'FR' },
];

// The sample notice's smuggler suspect and unaccompanied child.
const [kamal = {}, amina = {}] = sampleNotice('it-police').persons ?? [];
const samir = { role: v1.PersonRole.WITNESS, fullName: 'Samir Haddad', nationality: 'EG', minor: false, phone: '+20 100 765 4321' };

function notice(overrides: Partial<CaseNoticeProps>): CaseNoticeProps {
  return {
    noticeId: randomUUID(),
    issuingAgency: ISSUER.id,
    issuedAt: timestampFromDate(new Date()),
    caseRef: 'IT-PA-2026-0099',
    type: v1.NoticeType.INTELLIGENCE_REPORT,
    tlp: v1.Tlp.GREEN,
    mode: v1.Mode.SEA,
    route: { origin: ['NE'], transit: ['LY'], destination: ['IT'] },
    persons: [kamal, amina],
    financial: [
      {
        account: 'LY83002048000020100120361',
        institution: 'Sahara Bank',
        amount: '1500.00',
        currency: 'EUR',
        counterparty: 'hawala agent',
      },
    ],
    locations: [{ lat: 32.9312, lon: 12.0815, label: 'Zuwara beach', observedAt: timestampFromDate(new Date()) }],
    migrantCount: 45,
    ...overrides,
  };
}

const notices = {
  plain: notice({
    summary:
      'Posts tagged #KamalHaddad sell seats; وحداد and Хаддад answer on ٠٩١٥٥٥٠١٠١, born 12MAR1984, passport 4455667; boat seen at 32°55\'52"N 12.0815E.',
  }),
  markedUp: notice({
    summary:
      'Skipper {{persons[0]}} (tel. {{persons[0].phone}}) took {{persons[1]}} aboard at {{locations[0].label}}. {{migrant.identity:Her uncle in Sabha}} paid {{financial[0].account}}.',
  }),
  counterparty: notice({
    financial: [{ account: 'LY83002048000020100120361', amount: '900.00', currency: 'EUR', counterparty: 'cash handed to Amina Tesfaye' }],
  }),
  withWitness: notice({
    caveats: [v1.Caveat.WITNESS_PROTECTION],
    addressees: ['it-prosecutor'],
    persons: [kamal, amina, samir],
    summary:
      'Skipper {{persons[0]}} took {{persons[1]}} aboard. {{witness.identity:Samir Haddad watched from the pier.}} Kamal Haddad paid in cash.',
  }),
  rightToLeft: notice({ summary: 'Paid at the pier; the receipt reads \u202eTSILBUP\u202c in the photo.' }),
  withoutWitness: notice({
    caveats: [v1.Caveat.WITNESS_PROTECTION],
    addressees: ['it-prosecutor'],
    summary: 'Skipper {{persons[0]}} took {{persons[1]}} aboard. Kamal Haddad paid in cash.',
  }),
};

/**
 * Each notice again as its issuer's update of it, and the marked-up one as another
 * agency's reply to the plain one: relations change who is told of which notice, never
 * what a view may hold.
 */
const related: Record<string, CaseNoticeProps> = {
  ...Object.fromEntries(
    Object.entries(notices).map(([name, n]) => [
      `${name} (as an update)`,
      { ...n, noticeId: randomUUID(), relations: [{ kind: v1.RelationKind.UPDATE, noticeId: n.noticeId ?? '' }] },
    ]),
  ),
  'markedUp (as a reply)': {
    ...notices.markedUp,
    noticeId: randomUUID(),
    issuingAgency: 'de-police',
    addressees: ['it-police'],
    relations: [{ kind: v1.RelationKind.REPLY, noticeId: notices.plain.noticeId ?? '' }],
  },
};

/** Each recipient's views by notice id, as `accord inbox` stored them, verified again here. */
const inboxes = new Map<string, Map<string, RecipientView>>();
const published: Record<string, { status: number | null; stderr: string }> = {};

beforeAll(async () => {
  expect(accord('stack', 'up').status).toBe(0);
  for (const a of [ISSUER, ...RECIPIENTS])
    expect(accord('agency', 'add', a.id, '--country', a.country, '--role', a.role, '--groups', 'med').status).toBe(0);
  for (const [name, n] of Object.entries(notices)) {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(messageToJson('accord.v1.CaseNotice', n)));
    published[name] = accord('publish', '--as', ISSUER.id, file, '--wait');
  }
  for (const [name, n] of Object.entries(related)) {
    const file = join(dir, `${randomUUID()}.json`);
    writeFileSync(file, JSON.stringify(messageToJson('accord.v1.CaseNotice', { ...n, issuedAt: timestampFromDate(new Date()) })));
    published[name] = accord('publish', '--as', n.issuingAgency ?? '', file, '--wait');
  }
  const stack = JSON.parse(readFileSync(join(dir, 'stack.json'), 'utf8')) as {
    busPublicKey: string;
    agencies: Record<string, { signingKey?: string }>;
  };
  const busJwk = await parsePublicJwk(JSON.parse(readFileSync(stack.busPublicKey, 'utf8')), 'the bus key');
  // The issuer's key, and the replying agency's.
  const originators = new Map<string, CryptoKey>();
  for (const id of [ISSUER.id, 'de-police']) {
    const jwk = await parsePublicJwk(JSON.parse(readFileSync(`${stack.agencies[id]?.signingKey ?? ''}.pub`, 'utf8')), `${id}'s key`);
    originators.set(jwk.kid, await verificationKeyFromJwk(jwk));
  }
  const bus = { kid: busJwk.kid, key: await verificationKeyFromJwk(busJwk) };
  for (const r of RECIPIENTS) {
    const run = accord('inbox', '--as', r.id, '--json');
    expect(run.status, `${r.id} inbox: ${run.stderr}`).toBe(0);
    const views = new Map<string, RecipientView>();
    for (const stored of new InboxStore(stackLayout(dir).agencyStore(r.id)).list()) {
      const raw = Buffer.from(stored.signedView, 'base64');
      const verified = await verifySignedView(raw, bus, r.id, async (kid) => originators.get(kid));
      views.set(verified.view.core?.noticeId ?? '', {
        raw,
        view: verified.view,
        elements: verified.elements,
        granted: verified.view.grantedCategories.filter(isCategory),
      });
    }
    inboxes.set(r.id, views);
  }
}, 300_000);

afterAll(() => {
  accord('stack', 'down');
  rmSync(dir, { recursive: true, force: true });
});

describe('adversarial notices through a live stack', () => {
  test('every notice is accepted', () => {
    expect(Object.entries(published).filter(([, p]) => p.status !== 0)).toEqual([]);
  });

  test.each(Object.entries({ ...notices, ...related }))(
    'no recipient of the %s notice reads a value withheld from it, in any form',
    (_name, n) => {
      for (const r of RECIPIENTS) {
        const expected = expectedGrants(n, r);
        const rv = inboxes.get(r.id)?.get(n.noticeId ?? '');
        expect(rv === undefined, `${r.id} delivered`).toBe(expected === undefined);
        if (!rv || !expected) continue;
        expect(rv.granted, `${r.id} categories`).toEqual([...expected].sort());
        expect(judgeView(rv, secretsOf(n, expected), grantedNames(n, expected)).leaks.map(describeLeak), r.id).toEqual([]);
      }
    },
  );

  test('a recipient granted the smuggler reads his name in the marked-up summary, checked against the originator', () => {
    const summary = inboxes
      .get('ly-coastguard')
      ?.get(notices.markedUp.noticeId ?? '')
      ?.elements.find((e) => e.path === 'summary')?.summary;
    expect(summary).toMatch(
      /^Skipper Kamal Haddad \(tel\. \+218 91 555 0101\) took P-[0-9A-F]{16} aboard at Zuwara beach\. \[withheld:migrant\.identity\] paid \[withheld:financial\]\.$/,
    );
  });

  test('an FIU gets the trace whose counterparty names a migrant child as a derived element, the name scrubbed', () => {
    const trace = inboxes
      .get('fr-fiu')
      ?.get(notices.counterparty.noticeId ?? '')
      ?.elements.find((e) => e.financial);
    expect(trace).toMatchObject({ derived: true, financial: { counterparty: 'cash handed to [withheld:migrant.identity]' } });
  });

  test('under WITNESS_PROTECTION no recipient but the addressed prosecutor can tell a witness is there', () => {
    for (const r of RECIPIENTS.filter((x) => x.id !== 'it-prosecutor')) {
      const withWitness = inboxes.get(r.id)?.get(notices.withWitness.noticeId ?? '');
      const without = inboxes.get(r.id)?.get(notices.withoutWitness.noticeId ?? '');
      if (!withWitness || !without) throw new Error(`${r.id} lacks a view`);
      expect(witnessTraces(withWitness), r.id).toEqual([]);
      expect(shapeDifferences(shapeOf(withWitness), shapeOf(without)), r.id).toEqual([]);
    }
    const prosecutor = inboxes.get('it-prosecutor')?.get(notices.withWitness.noticeId ?? '');
    expect(prosecutor?.elements.find((e) => e.path === 'summary')?.summary).toContain('Samir Haddad watched from the pier.');
  });

  test("a caseRef carrying a person's surname is refused before it leaves the adapter, naming the field, not the value", () => {
    const file = join(dir, 'caseref.json');
    writeFileSync(file, JSON.stringify(messageToJson('accord.v1.CaseNotice', notice({ caseRef: 'OP-HADDAD-2026' }))));
    const run = accord('publish', '--as', ISSUER.id, file, '--wait');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/E_SCHEMA.*caseRef.*persons\[0\]\.fullName/);
    expect(run.stderr).not.toMatch(/HADDAD/);
  });

  test("another agency's right-to-left override reaches an officer's terminal escaped and visible, never raw", () => {
    const run = accord('inbox', '--as', 'de-police');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\\u202eTSILBUP\\u202c');
    expect(run.stdout).not.toContain('\u202e');
  });

  test('a summary holding ESC[2J is refused before it leaves the adapter, naming the field', () => {
    const file = join(dir, 'escape.json');
    writeFileSync(
      file,
      JSON.stringify(messageToJson('accord.v1.CaseNotice', notice({ summary: 'Boat left. \u001b[2J\u001b[32m ALL CLEAR' }))),
    );
    const run = accord('publish', '--as', ISSUER.id, file, '--wait');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/E_SCHEMA: summary: character 12 is the control character U\+001B/);
  });
});
