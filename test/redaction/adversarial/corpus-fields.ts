/**
 * Class 7: withheld values written into other free-text fields (a counterparty seen by an
 * FIU, a location label seen by a coastguard, a vessel's identifier, a document's kind),
 * and into caseRef, which every recipient sees and the SDK must refuse.
 */
import { v1, type CaseNoticeProps } from '../../../libs/proto/index.js';
import {
  ACCOUNT,
  AMINA,
  baseNotice,
  DAWIT,
  FIXED_TIME,
  FR_FIU,
  IT_PROSECUTOR,
  IT_PROTECTION,
  KAMAL,
  LAT,
  LON,
  LY_COASTGUARD,
  plant,
  YONAS,
  type LeakCase,
  type RefusalCase,
} from './corpus-base.js';
import type { TestRecipient } from '../../harness/views-of.js';

const persons = [KAMAL, AMINA, YONAS, DAWIT];

function counterparty(
  name: string,
  marked: string,
  recipient: TestRecipient = FR_FIU,
  field: 'counterparty' | 'institution' = 'counterparty',
): LeakCase {
  const p = plant(marked);
  const trace: v1.FinancialTrace.$Properties = {
    account: ACCOUNT,
    institution: 'Sahara Bank',
    amount: '1500.00',
    currency: 'EUR',
    counterparty: 'hawala agent in Sabratha',
    [field]: p.text,
  };
  return { kind: 'leak', klass: 7, name, notice: baseNotice({ persons, financial: [trace] }), recipient, planted: [p] };
}

function label(name: string, marked: string): LeakCase {
  const p = plant(marked);
  return {
    kind: 'leak',
    klass: 7,
    name,
    notice: baseNotice({ persons, locations: [{ lat: LAT, lon: LON, label: p.text, observedAt: FIXED_TIME }] }),
    recipient: LY_COASTGUARD,
    planted: [p],
  };
}

function identifier(name: string, marked: string): LeakCase {
  const p = plant(marked);
  const notice = baseNotice({
    persons,
    conveyances: [{ kind: v1.ConveyanceKind.VEHICLE, identifier: p.text, flagCountry: 'LY' }],
    mode: v1.Mode.LAND,
  });
  return { kind: 'leak', klass: 7, name, notice, recipient: { id: 'ly-border', role: 'border-guard', country: 'LY' }, planted: [p] };
}

export const fieldCases: LeakCase[] = [
  counterparty("the smuggler's name as the counterparty, seen by an FIU", '⟦Kamal Haddad⟧'),
  counterparty("the smuggler's surname and initial as the counterparty", 'cash to ⟦HADDAD K.⟧'),
  counterparty("the smuggler's name in Arabic script as the counterparty", 'حوالة إلى ⟦كمال حداد⟧'),
  counterparty("the smuggler's phone in the counterparty", 'courier, tel. ⟦0915550101⟧'),
  counterparty("the witness's name in the counterparty", '⟦Yonas Berhane⟧ (hawala agent)'),
  counterparty("the child's name in the counterparty", "⟦Amina Tesfaye⟧'s uncle in Sabha"),
  counterparty("a migrant's passport number in the counterparty", 'sender identified by passport ⟦ER1122334⟧'),
  counterparty("a migrant's date of birth in the counterparty", 'relative of the passenger born ⟦03.03.2001⟧'),
  counterparty("the smuggler's name in the institution", 'Hawala office of ⟦Kamal Haddad⟧', FR_FIU, 'institution'),
  counterparty("a migrant's name in the counterparty, seen by a prosecutor on the route", '⟦Dawit Mebrahtu⟧, sender', IT_PROSECUTOR),
  label("the child's name in a location label, seen by a coastguard on the route", "house of ⟦Amina Tesfaye⟧'s uncle"),
  label("the witness's name in a location label", "⟦Yonas Berhane⟧'s farm"),
  label("a migrant's phone in a location label", 'pick-up point, call ⟦+291 7 184 392⟧'),
  label("a migrant's surname in a location label", '⟦Mebrahtu⟧ family compound'),
  label("a migrant's date of birth in a location label", 'where the man born ⟦3 March 2001⟧ waited'),
  label("the witness's phone in a location label", 'fisherman on ⟦092 333 4477⟧ saw them here'),
  identifier("the witness's name in a vehicle's identifier, seen by a border guard on the route", 'pick-up truck of ⟦Yonas Berhane⟧'),
  identifier("a migrant's name in a vehicle's identifier", 'Toyota Hilux registered to ⟦Dawit Mebrahtu⟧'),
  identifier("the child's name in a vehicle's identifier", "minibus, driver is ⟦Amina⟧'s brother"),
  (() => {
    // A mobile-money account that is a migrant's phone number, seen by an FIU.
    const p = plant('⟦+291 7 184 392⟧');
    const c: LeakCase = {
      kind: 'leak',
      klass: 7,
      name: "a migrant's phone as a mobile-money account, seen by an FIU",
      notice: baseNotice({
        persons,
        financial: [{ account: p.text, institution: 'M-Pesa', amount: '300.00', currency: 'USD', counterparty: 'agent' }],
      }),
      recipient: FR_FIU,
      planted: [p],
    };
    return c;
  })(),
  (() => {
    const p = plant('laissez-passer obtained through ⟦Kamal Haddad⟧');
    const amina: v1.Person.$Properties = { ...AMINA, documents: [{ kind: p.text, number: 'ER5566778', issuingCountry: 'ER' }] };
    const c: LeakCase = {
      kind: 'leak',
      klass: 7,
      name: "the smuggler's name in a migrant's document kind, seen by a protection body at the destination",
      notice: baseNotice({ persons: [KAMAL, amina, YONAS] }),
      recipient: IT_PROTECTION,
      planted: [p],
    };
    return c;
  })(),
];

function refusal(
  name: string,
  caseRef: string,
  names: string,
  values: RefusalCase['values'],
  notice: Partial<CaseNoticeProps> = {},
): RefusalCase {
  return { kind: 'refusal', klass: 7, name, notice: baseNotice({ caseRef, persons, ...notice }), path: 'caseRef', names, values };
}

const kamalName = [{ kind: 'name' as const, value: 'Kamal Haddad', category: 'smuggler.identity', field: 'persons[0].fullName' }];

export const refusalCases: RefusalCase[] = [
  refusal("a caseRef with the suspect's surname is refused, naming the field", 'IT-HADDAD-2026', 'persons[0].fullName', kamalName),
  refusal("a caseRef with the suspect's full name in lower case is refused", 'op-kamal-haddad', 'persons[0].fullName', kamalName),
  refusal("a caseRef with the suspect's document number is refused", 'CASE-LY4455667', 'persons[0].documents[0].number', [
    { kind: 'number', value: 'LY4455667', category: 'smuggler.identity', field: 'persons[0].documents[0].number' },
  ]),
  refusal("a caseRef with the suspect's phone is refused", 'OP-915550101', 'persons[0].phone', [
    { kind: 'number', value: '+218 91 555 0101', category: 'smuggler.identity', field: 'persons[0].phone' },
  ]),
  refusal("a caseRef with the witness's surname is refused", 'BERHANE-7', 'persons[2].fullName', [
    { kind: 'name', value: 'Yonas Berhane', category: 'witness.identity', field: 'persons[2].fullName' },
  ]),
  refusal("a caseRef with a migrant's surname is refused", 'IT/MEBRAHTU/2026', 'persons[3].fullName', [
    { kind: 'name', value: 'Dawit Mebrahtu', category: 'migrant.identity', field: 'persons[3].fullName' },
  ]),
];
