/**
 * What the adversarial corpus is made of: its agencies, its people, a base notice, the
 * kinds of case, and the ⟦marks⟧ that plant a value in a text. A planted text is what an
 * adversarial originator writes; the corpus keeps each planted piece and the text with
 * the piece replaced by a marker (the control), so the judge can be shown to flag the
 * first and not the second, whatever the implementation does.
 */
import { randomUUID } from 'node:crypto';
import { timestampFromDate, v1, type CaseNoticeProps } from '../../../libs/proto/index.js';
import type { TestRecipient } from '../../harness/views-of.js';
import type { Secret } from './judge.js';

export const CLASSES = {
  1: 'glued values',
  2: 'short name parts',
  3: 'digits and numbers in other forms',
  4: 'dates',
  5: 'coordinates',
  6: 'scripts, transliterations and look-alikes',
  7: 'withheld values in other fields',
  8: 'a protected witness betrayed by the view',
  9: 'pseudonyms as an oracle',
  10: 'a policy that drops the protections',
} as const;
export type ClassNo = keyof typeof CLASSES;

// ---- agencies (route NE > LY > IT; every one shares group "med")

export const ISSUER: TestRecipient = { id: 'it-police', role: 'police', country: 'IT' };
export const DE_POLICE: TestRecipient = { id: 'de-police', role: 'police', country: 'DE' };
export const FR_FIU: TestRecipient = { id: 'fr-fiu', role: 'fiu', country: 'FR' };
export const LY_COASTGUARD: TestRecipient = { id: 'ly-coastguard', role: 'coastguard', country: 'LY' };
export const IT_COASTGUARD: TestRecipient = { id: 'it-coastguard', role: 'coastguard', country: 'IT' };
export const IT_PROSECUTOR: TestRecipient = { id: 'it-prosecutor', role: 'prosecutor', country: 'IT' };
export const DE_PROSECUTOR: TestRecipient = { id: 'de-prosecutor', role: 'prosecutor', country: 'DE' };
export const IT_PROTECTION: TestRecipient = { id: 'it-protection', role: 'protection', country: 'IT' };
export const LY_PROTECTION: TestRecipient = { id: 'ly-protection', role: 'protection', country: 'LY' };
export const DE_PROTECTION: TestRecipient = { id: 'de-protection', role: 'protection', country: 'DE' };
export const NE_IMMIGRATION: TestRecipient = { id: 'ne-immigration', role: 'immigration', country: 'NE' };
export const IT_IMMIGRATION: TestRecipient = { id: 'it-immigration', role: 'immigration', country: 'IT' };
export const TN_LIAISON: TestRecipient = { id: 'tn-liaison', role: 'liaison-office', country: 'TN' };
export const LY_BORDER: TestRecipient = { id: 'ly-border', role: 'border-guard', country: 'LY' };
export const IT_POLICE_ADDRESSEE: TestRecipient = { id: 'it-carabinieri', role: 'police', country: 'IT' };
export const EU_RESEARCH: TestRecipient = { id: 'eu-research', role: 'research', country: 'BE' };
/** Another agency, publishing under the same case reference (a colluder, in class 9). */
export const MT_POLICE: TestRecipient = { id: 'mt-police', role: 'police', country: 'MT' };

// ---- people (values chosen so that no two collide: no shared name part, digit run or date)

type Person = v1.Person.$Properties;
const { SMUGGLER_SUSPECT, FACILITATOR, SMUGGLED_MIGRANT, WITNESS } = v1.PersonRole;

export const KAMAL: Person = {
  role: SMUGGLER_SUSPECT,
  fullName: 'Kamal Haddad',
  dateOfBirth: '1984-03-12',
  nationality: 'LY',
  phone: '+218 91 555 0101',
  minor: false,
  documents: [{ kind: 'passport', number: 'LY4455667', issuingCountry: 'LY' }],
};
/** An unaccompanied child of unknown age. */
export const AMINA: Person = { role: SMUGGLED_MIGRANT, fullName: 'Amina Tesfaye', nationality: 'ER', unaccompanied: true };
export const YONAS: Person = { role: WITNESS, fullName: 'Yonas Berhane', nationality: 'SD', minor: false, phone: '+218 92 333 4477' };
export const DAWIT: Person = {
  role: SMUGGLED_MIGRANT,
  fullName: 'Dawit Mebrahtu',
  dateOfBirth: '2001-03-03',
  nationality: 'ET',
  phone: '+291 7 184 392',
  minor: false,
  documents: [{ kind: 'passport', number: 'ER1122334', issuingCountry: 'ER' }],
};
export const LE: Person = { role: FACILITATOR, fullName: 'Le Van Ba', dateOfBirth: '1979-11-05', nationality: 'VN', minor: false };
export const MOHAMMED: Person = {
  role: FACILITATOR,
  fullName: 'Mohammed Al-Tarabulsi',
  nationality: 'TN',
  minor: false,
  dateOfBirth: '1990-07-21',
};
export const REZA: Person = {
  role: SMUGGLED_MIGRANT,
  fullName: 'Reza Karimi',
  nationality: 'AF',
  minor: false,
  dateOfBirth: '1998-06-14',
  phone: '+93 70 246 8135',
};
export const SAMIR: Person = { role: WITNESS, fullName: 'Samir Haddad', nationality: 'EG', minor: false, phone: '+20 100 765 4321' };
export const LUKASZ: Person = { role: FACILITATOR, fullName: 'Łukasz Wójcik', nationality: 'PL', minor: false, dateOfBirth: '1975-01-30' };
export const HOA: Person = { role: SMUGGLED_MIGRANT, fullName: 'Nguyễn Thị Hoa', nationality: 'VN', minor: false };
export const DMITRI: Person = { role: FACILITATOR, fullName: 'Dmitri Sokolov', nationality: 'RU', minor: false };
export const HIWET: Person = { role: SMUGGLED_MIGRANT, fullName: 'Hiwet Kidane', nationality: 'ER', minor: true, unaccompanied: true };
export const IBRAHIMA: Person = { role: SMUGGLED_MIGRANT, fullName: 'Ibrahima Sy', nationality: 'SN', minor: false };
export const JIN: Person = { role: SMUGGLED_MIGRANT, fullName: 'Jin Wu', nationality: 'CN', minor: false };
export const YUSUF: Person = { role: FACILITATOR, fullName: 'Yusuf Öz', nationality: 'TR', minor: false };
export const OMER: Person = { role: SMUGGLED_MIGRANT, fullName: 'Ömer Yıldız', nationality: 'SY', minor: false };
export const ALI: Person = { role: SMUGGLED_MIGRANT, fullName: 'Ali Omar', nationality: 'SO', minor: false };
/** A name recorded with an apostrophe for the Arabic ʿayn. */
export const SAID: Person = { role: SMUGGLER_SUSPECT, fullName: "Sa'id Nasser", nationality: 'EG', minor: false };
/** A name recorded in Arabic script, with Persian letters. */
export const FARHAD: Person = { role: SMUGGLED_MIGRANT, fullName: 'فرهاد یزدانی', nationality: 'IR', minor: false };

// ---- the base notice

export const FIXED_TIME = timestampFromDate(new Date('2026-11-29T08:30:00Z'));
export const ACCOUNT = 'LY83002048000020100120361';
export const IMO = '9074729';
export const LAT = 32.9312;
export const LON = 12.0815;

/**
 * A GREEN notice from it-police (delivered to every agency of the group, so to de-police
 * off the route), route NE > LY > IT at sea: a smuggler, a child, a witness, a vessel,
 * money, a landing place. Fixed times, so that two views of it differ only where redaction
 * makes them differ.
 */
export function baseNotice(overrides: Partial<CaseNoticeProps> = {}): CaseNoticeProps {
  return {
    noticeId: randomUUID(),
    issuingAgency: ISSUER.id,
    issuedAt: FIXED_TIME,
    caseRef: 'IT-PA-2026-0042',
    type: v1.NoticeType.ALERT,
    tlp: v1.Tlp.GREEN,
    caveats: [],
    mode: v1.Mode.SEA,
    route: { origin: ['NE'], transit: ['LY'], destination: ['IT'] },
    addressees: [],
    summary: 'Boat left Zuwara at dawn with about 45 people.',
    persons: [KAMAL, AMINA, YONAS],
    conveyances: [{ kind: v1.ConveyanceKind.VESSEL, identifier: `IMO ${IMO}`, flagCountry: 'LY' }],
    financial: [
      { account: ACCOUNT, institution: 'Sahara Bank', amount: '1500.00', currency: 'EUR', counterparty: 'hawala agent in Sabratha' },
    ],
    locations: [{ lat: LAT, lon: LON, label: 'old fish market jetty', observedAt: FIXED_TIME }],
    migrantCount: 45,
    deathsReported: 0,
    ...overrides,
  };
}

// ---- planted texts

/** A text with ⟦planted⟧ pieces: the text as sent, the control, and the text with one piece each. */
export interface Planted {
  text: string;
  pieces: string[];
  /** Every piece replaced by a marker: nothing in it is withheld. */
  control: string;
  /** For each piece, the text with that piece alone kept (a short name needs its context). */
  singles: string[];
}

const MARK = /⟦([^⟧]*)⟧/g;

export function plant(marked: string): Planted {
  const pieces = [...marked.matchAll(MARK)].map((m) => m[1] ?? '');
  const singles = pieces.map((_p, i) => {
    let n = -1;
    return marked.replace(MARK, (_m, piece: string) => ((n += 1) === i ? piece : '[withheld]'));
  });
  return { text: marked.replace(MARK, '$1'), pieces, control: marked.replace(MARK, '[withheld]'), singles };
}

// ---- kinds of case

interface CaseBase {
  klass: ClassNo;
  name: string;
}

/** A notice, a recipient, and values that must not show in its view. */
export interface LeakCase extends CaseBase {
  kind: 'leak';
  notice: CaseNoticeProps;
  recipient: TestRecipient;
  /** Categories given explicitly (the policy bypassed); else the default policy decides. */
  grants?: readonly string[];
  /** Values that must not show besides the notice's own withheld values. */
  extraSecrets?: Secret[];
  /** The planted texts (summary or other fields), for the judge's own check. */
  planted: Planted[];
  /** Granted text that must stay in the summary as written. */
  mustKeep?: string[];
  /** The same notice without the witness: the view must have the same shape. */
  twin?: CaseNoticeProps;
  /** The twin's rendered summary must be the very same text. */
  sameSummary?: boolean;
  /** The categories the view must be granted exactly, or 'none' for no delivery. */
  expectGrants?: readonly string[] | 'none';
  /** The summary must show this person's pseudonym (for this recipient). */
  showsPseudonymOf?: PersonPick;
  /** The SDK may refuse the notice (E_SCHEMA) instead: markup it does not take. */
  refusalAllowed?: boolean;
}

export interface PersonPick {
  role: v1.PersonRole;
  nationality: string;
}

/** Two notices, one person: the recipient's two pseudonyms for them must be the same or not. */
export interface PseudonymCase extends CaseBase {
  kind: 'pseudonym';
  a: { notice: CaseNoticeProps; issuer: TestRecipient; recipient: TestRecipient; person: PersonPick };
  b: { notice: CaseNoticeProps; issuer: TestRecipient; recipient: TestRecipient; person: PersonPick };
  expect: 'same' | 'different';
}

/** A notice the SDK must refuse: E_SCHEMA at `path`, the message naming `names` and no value. */
export interface RefusalCase extends CaseBase {
  kind: 'refusal';
  notice: CaseNoticeProps;
  path: string;
  names: string;
  values: Secret[];
}

/** A policy that would break an engine invariant: refused, or its grants clamped. */
export interface PolicyCase extends CaseBase {
  kind: 'policy';
  policy: string;
  notice: CaseNoticeProps;
  recipients: TestRecipient[];
}

export type AdversarialCase = LeakCase | PseudonymCase | RefusalCase | PolicyCase;

/** What a corpus file may set on a case: the case's fields, and overrides of the base notice. */
export type CaseOptions = Partial<LeakCase> & { overrides?: Partial<CaseNoticeProps> };

/** A leak case whose summary is `marked`, sent by default to de-police. */
export function summaryCase(klass: ClassNo, name: string, marked: string, more: CaseOptions = {}): LeakCase {
  const p = plant(marked);
  const { overrides, ...rest } = more;
  return { kind: 'leak', klass, name, notice: baseNotice({ summary: p.text, ...overrides }), recipient: DE_POLICE, planted: [p], ...rest };
}
