/**
 * Class 8: under WITNESS_PROTECTION, a recipient without witness.identity must not learn
 * that a witness exists: no value, no profile, no pseudonym, no withheld entry, no marker,
 * and a view of the same shape as the view of the same notice without the witness.
 */
import { v1, type CaseNoticeProps } from '../../../libs/proto/index.js';
import type { TestRecipient } from '../../harness/views-of.js';
import {
  ACCOUNT,
  AMINA,
  baseNotice,
  DE_POLICE,
  FR_FIU,
  IT_PROSECUTOR,
  IT_PROTECTION,
  KAMAL,
  LY_COASTGUARD,
  SAMIR,
  TN_LIAISON,
  YONAS,
  type LeakCase,
} from './corpus-base.js';

const WP = [v1.Caveat.WITNESS_PROTECTION];

/** A WITNESS_PROTECTION notice and its twin: the same notice with the witness left out. */
function pair(
  withWitness: Partial<CaseNoticeProps>,
  without: Partial<CaseNoticeProps>,
): { notice: CaseNoticeProps; twin: CaseNoticeProps } {
  return { notice: baseNotice({ caveats: WP, ...withWitness }), twin: baseNotice({ caveats: WP, persons: [KAMAL, AMINA], ...without }) };
}

function wp(
  name: string,
  recipient: TestRecipient,
  p: { notice: CaseNoticeProps; twin: CaseNoticeProps },
  more: Partial<LeakCase> = {},
): LeakCase {
  return { kind: 'leak', klass: 8, name: `${name} (${recipient.id})`, notice: p.notice, twin: p.twin, recipient, planted: [], ...more };
}

const plainPair = pair({ persons: [KAMAL, AMINA, YONAS] }, {});
const referencePair = pair(
  { persons: [KAMAL, AMINA, YONAS], summary: 'Aboard were {{persons[0]}} {{persons[2]}} and 45 others.' },
  { summary: 'Aboard were {{persons[0]}} and 45 others.' },
);
const spanPair = pair(
  {
    persons: [KAMAL, AMINA, YONAS],
    summary: 'Boat left at dawn. {{witness.identity:A fisherman watched it from the harbour wall.}} About 45 people aboard.',
  },
  { summary: 'Boat left at dawn. About 45 people aboard.' },
);
/** A span holding a reference: rendered as a whole, or the notice refused (E_SCHEMA); never half of it shown. */
const nestedSpanPair = pair(
  {
    persons: [KAMAL, AMINA, YONAS],
    summary:
      'Boat left at dawn. {{witness.identity:A fisherman, {{persons[2]}}, watched it from the harbour wall.}} About 45 people aboard.',
  },
  { summary: 'Boat left at dawn. About 45 people aboard.' },
);
const trace = (counterparty: string): v1.FinancialTrace.$Properties => ({
  account: ACCOUNT,
  institution: 'Sahara Bank',
  amount: '1500.00',
  currency: 'EUR',
  counterparty,
});
// A field that mentions a protected witness is left empty for those kept from witnesses: a
// cut-out name would leave a gap that says one was there.
const counterpartyPair = pair(
  { persons: [KAMAL, AMINA, YONAS], financial: [trace('cash handed over by Yonas Berhane')] },
  { financial: [trace('')] },
);
const documentKindPair = pair(
  {
    persons: [
      { ...KAMAL, documents: [{ kind: 'laissez-passer obtained through Yonas Berhane', number: 'LY4455667', issuingCountry: 'LY' }] },
      AMINA,
      YONAS,
    ],
  },
  { persons: [{ ...KAMAL, documents: [{ kind: '', number: 'LY4455667', issuingCountry: 'LY' }] }, AMINA] },
);
const sharedSurnamePlain = pair(
  { persons: [KAMAL, AMINA, SAMIR], summary: 'Kamal Haddad paid the skipper in Zuwara.' },
  { summary: 'Kamal Haddad paid the skipper in Zuwara.' },
);
const sharedSurnameMarkup = pair(
  { persons: [KAMAL, AMINA, SAMIR], summary: '{{persons[0]}} paid the skipper. {{witness.identity:The fisherman saw him do it.}}' },
  { summary: '{{persons[0]}} paid the skipper.' },
);
// In a plain summary the whole sentence that mentions a witness goes, so no gap is left.
const plainMention = pair(
  {
    persons: [KAMAL, AMINA, YONAS],
    summary: 'The boat left Zuwara at dawn. Kamal Haddad was seen by Yonas Berhane at the jetty. About 45 people were aboard.',
  },
  { summary: 'The boat left Zuwara at dawn. About 45 people were aboard.' },
);
const unknownAge = pair({ persons: [KAMAL, AMINA, { role: v1.PersonRole.WITNESS, fullName: 'Selam Girmay', nationality: 'ER' }] }, {});
const twoWitnesses = pair({ persons: [KAMAL, AMINA, YONAS, SAMIR] }, {});
const phoneReference = pair(
  { persons: [KAMAL, AMINA, YONAS], summary: 'Departure confirmed by phone.{{witness.identity: The caller used {{persons[2].phone}}.}}' },
  { summary: 'Departure confirmed by phone.' },
);

export const witnessCases: LeakCase[] = [
  wp('a witness listed among the persons leaves no trace', DE_POLICE, plainPair),
  wp('a witness listed among the persons leaves no trace', IT_PROSECUTOR, plainPair),
  wp('a witness listed among the persons leaves no trace', TN_LIAISON, plainPair),
  wp('a witness reference {{persons[2]}} vanishes from the summary', DE_POLICE, referencePair, { sameSummary: true }),
  wp('a witness reference {{persons[2]}} vanishes from the summary', LY_COASTGUARD, referencePair, { sameSummary: true }),
  wp('a {{witness.identity:...}} span vanishes from the summary', DE_POLICE, spanPair, { sameSummary: true }),
  wp('a {{witness.identity:...}} span vanishes from the summary', IT_PROSECUTOR, spanPair, { sameSummary: true }),
  wp('a span holding a witness reference vanishes whole, or the notice is refused', DE_POLICE, nestedSpanPair, {
    sameSummary: true,
    refusalAllowed: true,
  }),
  wp('a witness named in a financial counterparty leaves no trace', FR_FIU, counterpartyPair),
  wp('a witness named in a financial counterparty leaves no trace', IT_PROSECUTOR, counterpartyPair),
  wp('a granted name sharing a surname with a hidden witness stays whole', LY_COASTGUARD, sharedSurnamePlain, {
    mustKeep: ['Kamal Haddad'],
  }),
  wp('a granted reference next to a hidden witness span stays whole', LY_COASTGUARD, sharedSurnameMarkup, {
    mustKeep: ['Kamal Haddad'],
    sameSummary: true,
  }),
  wp('a witness named in plain text leaves no marker, and no gap', DE_POLICE, plainMention, { sameSummary: true }),
  wp("a witness named in another person's document kind leaves no trace", LY_COASTGUARD, documentKindPair),
  wp('a witness of unknown age leaves no trace', IT_PROTECTION, unknownAge),
  wp('two witnesses leave no trace', TN_LIAISON, twoWitnesses),
  wp("a witness's phone referenced in a span vanishes whole, or the notice is refused", DE_POLICE, phoneReference, {
    sameSummary: true,
    refusalAllowed: true,
  }),
];
