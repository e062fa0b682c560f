/**
 * Under WITNESS_PROTECTION, a recipient without witness.identity cannot tell a notice with
 * a protected witness from the same notice without one: for several notices and every
 * such recipient (several roles), the views have the same shape (element count and kinds,
 * withheld list with ids replaced, digest count of the manifests it receives, disclosure
 * count, granted list, size rounded up to 64 bytes, markers). And pseudonyms are no
 * oracle (point 5 of the issue), for recipients of several roles.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { v1, type CaseNoticeProps } from '../../../libs/proto/index.js';
import { viewKeys, type RecipientView, type TestRecipient, type ViewKeys } from '../../harness/views-of.js';
import {
  ACCOUNT,
  AMINA,
  baseNotice,
  DAWIT,
  DE_POLICE,
  EU_RESEARCH,
  FR_FIU,
  IT_PROSECUTOR,
  IT_PROTECTION,
  KAMAL,
  LY_BORDER,
  LY_COASTGUARD,
  MT_POLICE,
  NE_IMMIGRATION,
  SAMIR,
  TN_LIAISON,
  YONAS,
  type PersonPick,
} from './corpus-base.js';
import { expectedGrants, grantedNames, secretsOf } from './expected.js';
import { describeLeak, judgeView, witnessTraces } from './judge.js';
import { pseudonymOf, summaryOf, viewFor } from './run-case.js';
import { shapeDifferences, shapeOf } from './view-shape.js';

let keys: ViewKeys;
beforeAll(async () => {
  keys = await viewKeys();
});

const WP = [v1.Caveat.WITNESS_PROTECTION];
const RECIPIENTS: TestRecipient[] = [
  DE_POLICE,
  LY_COASTGUARD,
  IT_PROSECUTOR,
  FR_FIU,
  IT_PROTECTION,
  TN_LIAISON,
  LY_BORDER,
  NE_IMMIGRATION,
  EU_RESEARCH,
];
const trace = (counterparty: string): v1.FinancialTrace.$Properties => ({
  account: ACCOUNT,
  institution: 'Sahara Bank',
  amount: '1500.00',
  currency: 'EUR',
  counterparty,
});

interface Pair {
  name: string;
  withWitness: CaseNoticeProps;
  without: CaseNoticeProps;
  /** Marked up: the rendered summaries must be the same text. */
  sameSummary: boolean;
}

const pair = (name: string, w: Partial<CaseNoticeProps>, wo: Partial<CaseNoticeProps>): Pair => ({
  name,
  withWitness: baseNotice({ caveats: WP, persons: [KAMAL, AMINA, YONAS], ...w }),
  without: baseNotice({ caveats: WP, persons: [KAMAL, AMINA], ...wo }),
  sameSummary: (w.summary ?? '').includes('{{'),
});

/** Everything that tells the two views apart, or betrays the witness in the first. */
function tells(p: Pair, a: RecipientView, b: RecipientView, r: TestRecipient): string[] {
  const grants = expectedGrants(p.withWitness, r) ?? new Set<string>();
  const witnessValues = secretsOf(p.withWitness, grants).filter((s) => s.category === 'witness.identity');
  return [
    ...shapeDifferences(shapeOf(a), shapeOf(b)),
    ...witnessTraces(a).map((t) => `a trace: ${t}`),
    ...judgeView(a, witnessValues, grantedNames(p.withWitness, grants)).leaks.map((l) => `the witness's value: ${describeLeak(l)}`),
    ...(p.sameSummary && summaryOf(a) !== summaryOf(b) ? [`summary "${summaryOf(a) ?? ''}" against "${summaryOf(b) ?? ''}"`] : []),
  ];
}

const PAIRS: Pair[] = [
  pair('a witness among the persons', {}, {}),
  pair(
    'a witness named in the summary by a reference',
    { summary: 'Aboard were {{persons[0]}} {{persons[2]}} and 45 others.' },
    { summary: 'Aboard were {{persons[0]}} and 45 others.' },
  ),
  pair(
    'a witness in a tagged span of the summary',
    { summary: 'Boat left at dawn. {{witness.identity:A fisherman watched it from the harbour wall.}} About 45 people aboard.' },
    { summary: 'Boat left at dawn. About 45 people aboard.' },
  ),
  pair(
    'a witness named in a financial counterparty',
    { financial: [trace('cash handed over by Yonas Berhane')] },
    { financial: [trace('')] },
  ),
  pair("two witnesses, one sharing the suspect's surname", { persons: [KAMAL, AMINA, YONAS, SAMIR] }, {}),
  pair(
    'a witness with a phone and a document',
    { persons: [KAMAL, AMINA, { ...YONAS, documents: [{ kind: 'id card', number: 'SD3344556', issuingCountry: 'SD' }] }] },
    {},
  ),
];

describe('a protected witness does not change the view of a recipient without witness.identity', () => {
  for (const p of PAIRS) {
    for (const r of RECIPIENTS) {
      test(`${p.name}: ${r.id} (${r.role})`, async () => {
        const grants = expectedGrants(p.withWitness, r);
        expect(grants?.has('witness.identity') ?? false, 'the recipient must not be granted witness.identity').toBe(false);
        const a = await viewFor(p.withWitness, r, keys);
        const b = await viewFor(p.without, r, keys);
        expect(a === undefined, 'delivered with the witness').toBe(b === undefined);
        if (!a || !b) return;
        expect(tells(p, a, b, r)).toEqual([]);
      });
    }
  }

  test('a witness does not push the manifest past a power of two (notices of 20 to 27 conveyances)', async () => {
    const differences: string[] = [];
    for (let n = 20; n <= 27; n += 1) {
      const conveyances = Array.from({ length: n }, (_x, i) => ({
        kind: v1.ConveyanceKind.VEHICLE,
        identifier: `white van ${i + 1}`,
        flagCountry: 'LY',
      }));
      const p = pair(`${n} conveyances`, { conveyances }, { conveyances });
      const a = await viewFor(p.withWitness, DE_POLICE, keys);
      const b = await viewFor(p.without, DE_POLICE, keys);
      if (!a || !b) differences.push(`${n}: not delivered`);
      else differences.push(...tells(p, a, b, DE_POLICE).map((d) => `${n} conveyances: ${d}`));
    }
    expect(differences).toEqual([]);
  });
});

const pick = (p: v1.Person.$Properties): PersonPick => ({ role: p.role ?? 0, nationality: p.nationality ?? '' });

async function pseudonym(notice: CaseNoticeProps, r: TestRecipient, p: v1.Person.$Properties): Promise<string | undefined> {
  const rv = await viewFor(notice, r, keys);
  return rv && pseudonymOf(rv, pick(p));
}

describe('pseudonyms are no oracle', () => {
  const roles: TestRecipient[] = [DE_POLICE, TN_LIAISON, IT_PROTECTION, FR_FIU];
  const guess: v1.Person.$Properties = {
    role: v1.PersonRole.SMUGGLER_SUSPECT,
    fullName: 'Kamal Haddad',
    dateOfBirth: '1984-03-12',
    nationality: 'LY',
    minor: false,
  };

  test.each(roles.map((r) => [r.id, r] as const))(
    'a colluding agency publishing a guessed name and date of birth under the case gives %s another pseudonym',
    async (_id, r) => {
      const original = await pseudonym(baseNotice(), r, KAMAL);
      const colluded = await pseudonym(baseNotice({ issuingAgency: MT_POLICE.id, persons: [guess], summary: 'Follow-up.' }), r, guess);
      expect(original).toBeDefined();
      expect(colluded).toBeDefined();
      expect(colluded).not.toBe(original);
    },
  );

  test.each(roles.map((r) => [r.id, r] as const))('the same person as suspect and as witness has two pseudonyms for %s', async (_id, r) => {
    const suspect = await pseudonym(baseNotice(), r, KAMAL);
    const asWitness: v1.Person.$Properties = { ...KAMAL, role: v1.PersonRole.WITNESS };
    const witness = await pseudonym(baseNotice({ persons: [asWitness, AMINA] }), r, asWitness);
    expect(suspect).toBeDefined();
    expect(witness).toBeDefined();
    expect(witness).not.toBe(suspect);
  });

  test.each(roles.map((r) => [r.id, r] as const))(
    'an adult and the same person of unknown age have two pseudonyms for %s',
    async (_id, r) => {
      const { minor: _minor, ...unknownAge } = DAWIT;
      const adult = await pseudonym(baseNotice({ persons: [KAMAL, DAWIT] }), r, DAWIT);
      const unknown = await pseudonym(baseNotice({ persons: [KAMAL, unknownAge] }), r, unknownAge);
      expect(adult).toBeDefined();
      expect(unknown).toBeDefined();
      expect(unknown).not.toBe(adult);
    },
  );

  test('two recipients have two pseudonyms for one person', async () => {
    const all = await Promise.all(roles.map((r) => pseudonym(baseNotice(), r, KAMAL)));
    expect(all.every((p) => p !== undefined)).toBe(true);
    expect(new Set(all).size).toBe(roles.length);
  });

  test.each(roles.map((r) => [r.id, r] as const))(
    'the same person in two notices of one issuer and case, same role and status, keeps one pseudonym for %s',
    async (_id, r) => {
      const first = await pseudonym(baseNotice(), r, KAMAL);
      const second = await pseudonym(baseNotice({ persons: [AMINA, { ...KAMAL, phone: '' }], summary: 'Update.' }), r, KAMAL);
      expect(first).toBeDefined();
      expect(second).toBe(first);
    },
  );

  test("a protected witness added to a notice does not change the other persons' pseudonyms", async () => {
    const withWitness = await pseudonym(baseNotice({ caveats: WP }), DE_POLICE, KAMAL);
    const without = await pseudonym(baseNotice({ caveats: WP, persons: [KAMAL, AMINA] }), DE_POLICE, KAMAL);
    expect(withWitness).toBeDefined();
    expect(withWitness).toBe(without);
  });
});
