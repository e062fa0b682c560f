/**
 * Class 9: pseudonyms are no oracle. They are keyed per recipient, issuing agency, case,
 * role and minor status, so a colluding agency cannot confirm a guess by publishing it
 * under the same case, and one person cannot be linked across roles or age statuses; the
 * same person in two notices of one issuer and case, in the same role and status, keeps
 * one pseudonym for a recipient (a link the contract allows).
 */
import { v1, type CaseNoticeProps } from '../../../libs/proto/index.js';
import type { TestRecipient } from '../../harness/views-of.js';
import {
  AMINA,
  baseNotice,
  DAWIT,
  DE_POLICE,
  ISSUER,
  IT_PROTECTION,
  KAMAL,
  MT_POLICE,
  summaryCase,
  TN_LIAISON,
  YONAS,
  type LeakCase,
  type PersonPick,
  type PseudonymCase,
} from './corpus-base.js';

type Person = v1.Person.$Properties;
const { SMUGGLER_SUSPECT, FACILITATOR, SMUGGLED_MIGRANT, WITNESS } = v1.PersonRole;

const pick = (p: Person): PersonPick => ({ role: p.role ?? SMUGGLER_SUSPECT, nationality: p.nationality ?? '' });
const side = (notice: CaseNoticeProps, person: Person, recipient: TestRecipient = DE_POLICE, issuer: TestRecipient = ISSUER) => ({
  notice,
  issuer,
  recipient,
  person: pick(person),
});
/** A notice of the colluding agency, under the original's case reference, with only its guess. */
const colluder = (guess: Person): CaseNoticeProps => baseNotice({ issuingAgency: MT_POLICE.id, persons: [guess], summary: 'Follow-up.' });

const p = (name: string, a: PseudonymCase['a'], b: PseudonymCase['b'], expect: PseudonymCase['expect']): PseudonymCase => ({
  kind: 'pseudonym',
  klass: 9,
  name,
  a,
  b,
  expect,
});

/** The person with their age unknown (the field absent). */
function unknownAge(person: Person): Person {
  const { minor: _minor, ...rest } = person;
  return rest;
}

const guessKamal: Person = { role: SMUGGLER_SUSPECT, fullName: 'Kamal Haddad', dateOfBirth: '1984-03-12', nationality: 'LY', minor: false };
const byPassport: Person = {
  role: SMUGGLED_MIGRANT,
  nationality: 'ER',
  minor: false,
  documents: [{ kind: 'passport', number: 'ER7788990', issuingCountry: 'ER' }],
};
const base = baseNotice();
const withDawit = baseNotice({ persons: [KAMAL, AMINA, YONAS, DAWIT] });

export const pseudonymCases: PseudonymCase[] = [
  p(
    'another agency publishing a guessed name and date of birth under the same case gets another pseudonym',
    side(base, KAMAL),
    side(colluder(guessKamal), guessKamal, DE_POLICE, MT_POLICE),
    'different',
  ),
  p(
    'the guess written "HADDAD, Kamal" gets another pseudonym too',
    side(base, KAMAL),
    side(colluder({ ...guessKamal, fullName: 'HADDAD, Kamal' }), guessKamal, DE_POLICE, MT_POLICE),
    'different',
  ),
  p(
    "a guessed child's name under the same case gets another pseudonym",
    side(base, AMINA, TN_LIAISON),
    side(colluder(AMINA), AMINA, TN_LIAISON, MT_POLICE),
    'different',
  ),
  p(
    "a guessed witness's name under the same case gets another pseudonym",
    side(base, YONAS),
    side(colluder(YONAS), YONAS, DE_POLICE, MT_POLICE),
    'different',
  ),
  p(
    'a guess seen by a protection body gets another pseudonym',
    side(base, AMINA, IT_PROTECTION),
    side(colluder(AMINA), AMINA, IT_PROTECTION, MT_POLICE),
    'different',
  ),
  p(
    'a guessed passport number under the same case gets another pseudonym',
    side(baseNotice({ persons: [KAMAL, byPassport] }), byPassport),
    side(colluder(byPassport), byPassport, DE_POLICE, MT_POLICE),
    'different',
  ),
  p(
    'the same person as suspect and as witness gets two pseudonyms',
    side(base, KAMAL),
    side(baseNotice({ persons: [{ ...KAMAL, role: WITNESS }, AMINA] }), { ...KAMAL, role: WITNESS }),
    'different',
  ),
  p(
    'the same person as suspect and as facilitator gets two pseudonyms',
    side(base, KAMAL),
    side(baseNotice({ persons: [{ ...KAMAL, role: FACILITATOR }, AMINA] }), { ...KAMAL, role: FACILITATOR }),
    'different',
  ),
  p(
    'the same person as migrant and as witness gets two pseudonyms',
    side(withDawit, DAWIT),
    side(baseNotice({ persons: [KAMAL, { ...DAWIT, role: WITNESS }] }), { ...DAWIT, role: WITNESS }),
    'different',
  ),
  p(
    'the same person as adult and of unknown age gets two pseudonyms',
    side(withDawit, DAWIT),
    side(baseNotice({ persons: [KAMAL, unknownAge(DAWIT)] }), DAWIT),
    'different',
  ),
  p(
    'the same person as adult and as minor gets two pseudonyms',
    side(withDawit, DAWIT),
    side(baseNotice({ persons: [KAMAL, { ...DAWIT, minor: true }] }), DAWIT),
    'different',
  ),
  p(
    'the same person as minor and of unknown age gets two pseudonyms',
    side(baseNotice({ persons: [KAMAL, { ...DAWIT, minor: true }] }), DAWIT),
    side(baseNotice({ persons: [KAMAL, unknownAge(DAWIT)] }), DAWIT),
    'different',
  ),
  p(
    'the same person in two notices of one issuer and case keeps one pseudonym',
    side(base, KAMAL),
    side(baseNotice({ persons: [AMINA, { ...KAMAL, phone: '' }], summary: 'Update.' }), KAMAL),
    'same',
  ),
  p(
    'a child of unknown age in two notices of one issuer and case keeps one pseudonym',
    side(base, AMINA),
    side(baseNotice({ persons: [AMINA], summary: 'Update.' }), AMINA),
    'same',
  ),
  p('two recipients get different pseudonyms for one person', side(base, KAMAL, DE_POLICE), side(base, KAMAL, TN_LIAISON), 'different'),
  p(
    'two cases give different pseudonyms for one person',
    side(base, KAMAL),
    side(baseNotice({ caseRef: 'IT-PA-2026-0043' }), KAMAL),
    'different',
  ),
];

/** A reference {{persons[N]}} shows, to a recipient granted only the profile, its own pseudonym for the person. */
export const pseudonymRenderCases: LeakCase[] = [
  summaryCase(9, "a reference to the suspect renders as the recipient's own pseudonym (de-police)", 'Skipper: {{persons[0]}}, armed.', {
    showsPseudonymOf: pick(KAMAL),
  }),
  summaryCase(9, "a reference to the suspect renders as the recipient's own pseudonym (tn-liaison)", 'Skipper: {{persons[0]}}, armed.', {
    showsPseudonymOf: pick(KAMAL),
    recipient: TN_LIAISON,
  }),
  summaryCase(9, "a reference to the child renders as the recipient's own pseudonym", 'Travelling alone: {{persons[1]}}.', {
    showsPseudonymOf: pick(AMINA),
  }),
];
