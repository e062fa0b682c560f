/**
 * The over-redaction corpus: texts whose granted values, ordinary words, numbers, dates
 * and places must reach the recipient. In an expected text, ⟪granted values⟫ are the
 * tokens most at risk (counted apart), ⟦withheld parts⟧ are left out of the count, and
 * ⟨P:n⟩ stands for the recipient's own pseudonym of person n.
 */
import { v1, type CaseNoticeProps } from '../../../libs/proto/index.js';
import type { TestRecipient } from '../../harness/views-of.js';
import {
  ACCOUNT,
  AMINA,
  baseNotice,
  DAWIT,
  DE_POLICE,
  DE_PROSECUTOR,
  FIXED_TIME,
  FR_FIU,
  IT_PROSECUTOR,
  JIN,
  KAMAL,
  LAT,
  LE,
  LON,
  LY_BORDER,
  LY_COASTGUARD,
  SAMIR,
  TN_LIAISON,
  YONAS,
  ALI,
  type ClassNo,
} from './corpus-base.js';

export type MeasuredField = 'summary' | 'counterparty' | 'label' | 'identifier';

export interface OverCase {
  klass: ClassNo;
  name: string;
  notice: CaseNoticeProps;
  recipient: TestRecipient;
  /** The text the recipient must read, marked up as described above. */
  expected: string;
  field: MeasuredField;
  /** Nothing in it is withheld from the recipient: it must arrive exactly as expected. */
  asWritten: boolean;
}

/** The expected text as the recipient reads it (marks removed, pseudonyms filled in). */
export const unmarked = (expected: string, pseudonyms: (n: number) => string = () => ''): string =>
  expected.replace(/⟨P:(\d+)⟩/g, (_m, n: string) => pseudonyms(Number(n))).replace(/[⟪⟫⟦⟧]/g, '');

interface Options {
  summary?: string;
  overrides?: Partial<CaseNoticeProps>;
  field?: MeasuredField;
}

function over(klass: ClassNo, name: string, recipient: TestRecipient, expected: string, o: Options = {}): OverCase {
  const written = unmarked(expected);
  const field = o.field ?? 'summary';
  const notice = baseNotice({
    summary: field === 'summary' ? (o.summary ?? written) : 'Boat left Zuwara at dawn with about 45 people.',
    ...o.overrides,
  });
  return { klass, name, recipient, expected, field, notice, asWritten: !expected.includes('⟦') };
}

const WP = [v1.Caveat.WITNESS_PROTECTION];
const withPersons = (...persons: v1.Person.$Properties[]): Options => ({ overrides: { persons } });
const trace = (counterparty: string): v1.FinancialTrace.$Properties => ({
  account: ACCOUNT,
  institution: 'Sahara Bank',
  amount: '1500.00',
  currency: 'EUR',
  counterparty,
});
const RANIA: v1.Person.$Properties = { role: v1.PersonRole.SMUGGLED_MIGRANT, fullName: 'Rania Haddad', nationality: 'SY', minor: false };

export const overCases: OverCase[] = [
  // 1: glued forms of granted values stay; ordinary words holding a withheld name stay.
  over(
    1,
    'granted tags, handles and profile addresses stay',
    LY_COASTGUARD,
    'Posts tagged ⟪#KamalHaddad⟫ and the handle ⟪@haddad84⟫ sell seats; see ⟪facebook.com/kamalhaddad84⟫.',
  ),
  over(
    1,
    'granted plural and possessive forms stay',
    LY_COASTGUARD,
    "The ⟪Haddads⟫ run the crossing; ⟪Haddad's⟫ garage is the meeting point.",
  ),
  over(
    1,
    'ordinary words holding a withheld name ("examination", "stamina") stay',
    DE_POLICE,
    'The stamina and the medical examination of the passengers were checked; laminated cards were handed out.',
  ),
  // 2: short words equal to a withheld short name part stay; granted short parts stay.
  over(
    2,
    'the French article "le" stays when "Le Van Ba" is withheld',
    DE_POLICE,
    "Le passeur a dit que le bateau partirait avant l'aube.",
    withPersons(KAMAL, AMINA, YONAS, LE),
  ),
  over(
    2,
    'the Italian "le" and "ali" stay when "Le Van Ba" and "Ali Omar" are withheld',
    DE_POLICE,
    'La barca è partita, le onde erano alte e le ali del gabbiano bagnate.',
    withPersons(KAMAL, LE, ALI),
  ),
  over(
    2,
    'a word starting with a withheld short surname stays ("Wuhan")',
    DE_POLICE,
    'The engine was made in Wuhan and sold in Wuppertal.',
    withPersons(KAMAL, JIN),
  ),
  over(
    2,
    'a granted short surname after a title stays ("Mr Le")',
    LY_COASTGUARD,
    'Mr ⟪Le⟫ paid the crew; ⟪Le Van Ba⟫ was at the port.',
    withPersons(KAMAL, AMINA, LE),
  ),
  over(
    2,
    'a granted name sharing its surname with a withheld migrant stays when written in full',
    LY_COASTGUARD,
    '⟪Kamal Haddad⟫ took ⟦Rania Haddad⟧ aboard at dawn.',
    withPersons(KAMAL, RANIA),
  ),
  // 3: granted numbers stay; numbers that are no value stay.
  over(
    3,
    'a granted phone, passport and vessel number stay',
    LY_COASTGUARD,
    'Call ⟪+218 91 555 0101⟫; passport ⟪LY4455667⟫; vessel ⟪IMO 9074729⟫.',
  ),
  over(
    3,
    'counts, lengths, times and distances stay',
    DE_POLICE,
    'About 45 people, 3 children, a 12 m boat with a 40 hp engine, left at 04:30 from km 37.',
  ),
  over(
    3,
    'a granted amount and account stay for a prosecutor',
    IT_PROSECUTOR,
    'Paid ⟪1,500⟫ EUR into ⟪LY83 0020 4800 0020 1001 2036 1⟫ at ⟪Sahara Bank⟫.',
  ),
  over(3, 'flight, gate, seat and weights stay', DE_POLICE, 'Flight AZ 864, gate 12, seat 14C; 2 bags of 23 kg each.'),
  over(
    3,
    'an emergency number and an extension stay next to a withheld phone',
    DE_POLICE,
    'The hotline 112 and extension 4021 were called; ⟦0915550101⟧ answered.',
  ),
  // 4: event dates stay; a granted date of birth stays.
  over(4, 'event dates in several formats stay', DE_POLICE, 'Left on 3 March 2026, landed 2026-03-04, reported 05/03/2026.'),
  over(
    4,
    'an event date on the same day and month as a withheld birth date stays',
    DE_POLICE,
    'Born ⟦3 March 2001⟧, he travelled on 3 March 2026.',
    withPersons(KAMAL, AMINA, YONAS, DAWIT),
  ),
  over(4, 'a granted date of birth stays', LY_COASTGUARD, 'The skipper, born ⟪12.03.1984⟫, was armed.'),
  over(4, 'times of day and years stay', DE_POLICE, 'Between 2019 and 2026 the network ran crossings at 02:00 and 23:45.'),
  // 5: granted coordinates stay; whole degrees stay. (A precise position of unknown owner
  // is location.precise by its shape, near the notice's location or not.)
  over(
    5,
    'granted coordinates stay in every notation',
    LY_COASTGUARD,
    'Landing at ⟪32.9312N 12.0815E⟫, that is ⟪32°55\'52"N⟫ ⟪12°04\'53"E⟫.',
  ),
  over(5, 'whole degrees stay', DE_POLICE, 'Somewhere around 32N 12E, far from Lampedusa at 35N 12E.'),
  over(5, 'decimal measurements stay', DE_POLICE, 'Water at 18.5 C, wind 12.5 knots, waves 1.5 m.'),
  // 6: other scripts: granted names stay, ordinary text stays.
  over(6, 'a granted name in Arabic script stays', LY_COASTGUARD, 'المنظم ⟪كمال حداد⟫ من زوارة.'),
  over(6, 'ordinary Arabic text stays', DE_POLICE, 'انطلق القارب من زوارة فجرا وعلى متنه 45 شخصا.'),
  over(6, 'ordinary Cyrillic text stays', DE_POLICE, 'Лодка вышла из Зуары на рассвете, на борту было 45 человек.'),
  over(6, "ordinary Ge'ez text stays", DE_POLICE, 'ጃልባ ካብ ዙዋራ ወጺኣ፡ 45 ሰባት ኣብኣ ነይሮም።'),
  over(6, 'a granted name in Latin and Cyrillic stays', LY_COASTGUARD, 'Captain ⟪Kamal Haddad⟫ (⟪Камаль Хаддад⟫ in the Russian report).'),
  over(6, 'place names with diacritics stay', DE_POLICE, 'They passed through Agadez, Séguédine and Qaţrūn before Zuwara.'),
  // 7: granted free-text fields stay whole.
  over(7, 'a counterparty naming no one withheld stays for an FIU', FR_FIU, '⟪Sahara Exchange⟫, Tripoli branch, via courier', {
    field: 'counterparty',
    overrides: { financial: [trace('Sahara Exchange, Tripoli branch, via courier')] },
  }),
  over(7, 'a counterparty naming the granted smuggler stays for a prosecutor', IT_PROSECUTOR, 'cash to ⟪Kamal Haddad⟫ in Sabratha', {
    field: 'counterparty',
    overrides: { financial: [trace('cash to Kamal Haddad in Sabratha')] },
  }),
  over(7, 'a location label stays for a coastguard', LY_COASTGUARD, 'old fish market jetty near the lighthouse', {
    field: 'label',
    overrides: { locations: [{ lat: LAT, lon: LON, label: 'old fish market jetty near the lighthouse', observedAt: FIXED_TIME }] },
  }),
  over(7, 'a label naming the granted smuggler stays', LY_COASTGUARD, "⟪Kamal Haddad⟫'s warehouse", {
    field: 'label',
    overrides: { locations: [{ lat: LAT, lon: LON, label: "Kamal Haddad's warehouse", observedAt: FIXED_TIME }] },
  }),
  over(7, "a vessel's identifier stays for a coastguard", LY_COASTGUARD, 'grey rubber boat, 12 m, twin outboard', {
    field: 'identifier',
    overrides: {
      conveyances: [{ kind: v1.ConveyanceKind.VESSEL, identifier: 'grey rubber boat, 12 m, twin outboard', flagCountry: 'LY' }],
    },
  }),
  // 8: a hidden witness costs the granted text nothing.
  over(
    8,
    'a granted name sharing its surname with a hidden witness stays whole',
    LY_COASTGUARD,
    '⟪Kamal Haddad⟫ paid the skipper in Zuwara.',
    { overrides: { caveats: WP, persons: [KAMAL, AMINA, SAMIR] } },
  ),
  over(8, 'the text around a vanished witness span stays', LY_COASTGUARD, '⟪Kamal Haddad⟫ paid the skipper.', {
    summary: '{{persons[0]}} paid the skipper. {{witness.identity:The fisherman saw it.}}',
    overrides: { caveats: WP, persons: [KAMAL, AMINA, SAMIR] },
  }),
  over(8, 'an addressed prosecutor reads the protected witness', DE_PROSECUTOR, '⟪Yonas Berhane⟫ saw the boat leave at dawn.', {
    summary: '{{persons[2]}} saw the boat leave at dawn.',
    overrides: { caveats: WP, addressees: [DE_PROSECUTOR.id] },
  }),
  over(8, 'the sentences around a vanished span stay for police', DE_POLICE, 'Boat left at dawn. About 45 people aboard.', {
    summary: 'Boat left at dawn. {{witness.identity:A fisherman saw it.}} About 45 people aboard.',
    overrides: { caveats: WP },
  }),
  // 9: references render as values for those granted them, as pseudonyms for the others.
  over(
    9,
    'a reference and a phone reference render as the granted values',
    LY_COASTGUARD,
    'Skipper ⟪Kamal Haddad⟫ called ⟪+218 91 555 0101⟫.',
    { summary: 'Skipper {{persons[0]}} called {{persons[0].phone}}.' },
  ),
  over(9, 'financial references render for a prosecutor', IT_PROSECUTOR, `Paid ⟪1500.00⟫ into ⟪${ACCOUNT}⟫ at ⟪Sahara Bank⟫.`, {
    summary: 'Paid {{financial[0].amount}} into {{financial[0].account}} at {{financial[0].institution}}.',
  }),
  over(
    9,
    'location and vessel references render for a coastguard',
    LY_COASTGUARD,
    'Landing at ⟪32.9312, 12.0815⟫ (⟪old fish market jetty⟫), vessel ⟪IMO 9074729⟫.',
    {
      summary: 'Landing at {{locations[0]}} ({{locations[0].label}}), vessel {{conveyances[0]}}.',
    },
  ),
  over(
    9,
    'identity field references render for a coastguard',
    LY_COASTGUARD,
    'Born ⟪1984-03-12⟫, passport ⟪LY4455667⟫, nationality ⟪LY⟫.',
    {
      summary: 'Born {{persons[0].dateOfBirth}}, passport {{persons[0].documents[0].number}}, nationality {{persons[0].nationality}}.',
    },
  ),
  over(9, 'an escaped brace is written as it is', DE_POLICE, 'Escaped: {{persons[0]}} is how a reference is written.', {
    summary: 'Escaped: \\{{persons[0]}} is how a reference is written.',
  }),
  over(9, 'a reference renders as the pseudonym for a recipient granted only the profile', DE_POLICE, 'Skipper ⟪⟨P:0⟩⟫ was armed.', {
    summary: 'Skipper {{persons[0]}} was armed.',
  }),
  over(9, 'a granted tagged span is shown', DE_POLICE, 'The child was ⟪travelling alone⟫ and ⟦[withheld:migrant.identity]⟧.', {
    summary: 'The child was {{person.profile:travelling alone}} and {{migrant.identity:looking for an uncle in Sabha}}.',
  }),
  // 10: what the default policy grants arrives.
  over(
    10,
    'a prosecutor on the route reads witness, smuggler and amount',
    IT_PROSECUTOR,
    '⟪Yonas Berhane⟫ saw ⟪Kamal Haddad⟫ pay ⟪1,500⟫ euros.',
  ),
  over(
    10,
    'a coastguard on the route reads smuggler, vessel and position',
    LY_COASTGUARD,
    '⟪Kamal Haddad⟫ steered ⟪IMO 9074729⟫ to ⟪32.9312⟫, ⟪12.0815⟫.',
  ),
  over(
    10,
    'a liaison office off the route reads the route and its places',
    TN_LIAISON,
    'The route runs from Agadez through Sabha to Zuwara, then Lampedusa.',
  ),
  over(
    10,
    'a border guard on the route of a land notice reads position and smuggler',
    LY_BORDER,
    'Truck stopped at ⟪32.9312⟫, ⟪12.0815⟫ by ⟪Kamal Haddad⟫.',
    { overrides: { mode: v1.Mode.LAND } },
  ),
];
