import { randomInt, randomUUID } from 'node:crypto';
import { timestampFromDate, v1, type CaseNoticeProps } from '../../libs/proto/index.js';

/** Realistic names: Latin with diacritics, transliterated Arabic, Tigrinya, Pashto. */
const GIVEN = [
  'José',
  'François',
  'Ömer',
  'Łukasz',
  'Ana',
  'Jürgen',
  'Zoë',
  'Søren',
  'Mohammed',
  'Abdelrahman',
  'Khaled',
  'Fatima',
  'Youssef',
  'Aïcha',
  'Mahmoud',
  'Samira',
  'Tesfay',
  'Mebrahtu',
  'Semhar',
  'Yonas',
  'Helen',
  'Abraham',
  'Filmon',
  'Selam',
  'Gul Agha',
  'Naqibullah',
  'Zarghuna',
  'Rahmatullah',
  'Malalai',
  'Hamidullah',
  'Shabnam',
  'Wahidullah',
];
const FAMILY = [
  'Muñoz',
  'Lefèvre',
  'Yıldız',
  'Wójcik',
  'Čović',
  'Großmann',
  'Ångström',
  'Nuñez',
  'Al-Hassan',
  'Ben Youssef',
  'El Masri',
  'Bennani',
  'Abou Zeid',
  'Haddad',
  'Al-Tarabulsi',
  'Mansour',
  'Gebremedhin',
  'Haile',
  'Tekle',
  'Kidane',
  'Berhane',
  'Weldemichael',
  'Tsegay',
  'Ghebreyesus',
  'Zadran',
  'Mohmand',
  'Yusufzai',
  'Shinwari',
  'Achakzai',
  'Durrani',
  'Popalzai',
  'Kakar',
];
const COUNTRIES = ['NE', 'LY', 'TN', 'IT', 'MT', 'GR'];
const NATIONALITIES = ['ER', 'AF', 'SY', 'SD', 'NG', 'LY', 'TN'];
const ROLES = [v1.PersonRole.SMUGGLER_SUSPECT, v1.PersonRole.FACILITATOR, v1.PersonRole.SMUGGLED_MIGRANT, v1.PersonRole.WITNESS];

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)] as T;
const tokens = (name: string): string[] =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
const digits = (n: number): string => Array.from({ length: n }, () => randomInt(10)).join('');

/** A valid IBAN: country, check digits computed by ISO 13616 mod 97, and a BBAN. */
export function ibanFor(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of numeric) remainder = (remainder * 10 + Number(d)) % 97;
  return `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
}

export function imoFor(six: string): string {
  const sum = Array.from(six).reduce((acc, d, i) => acc + Number(d) * (7 - i), 0);
  return `${six}${sum % 10}`;
}

function uniqueNames(count: number): string[] {
  const used = new Set<string>();
  const out: string[] = [];
  while (out.length < count) {
    const name = `${pick(GIVEN)} ${pick(FAMILY)}`;
    const t = tokens(name);
    if (t.some((x) => used.has(x))) continue;
    t.forEach((x) => used.add(x));
    out.push(name);
  }
  return out;
}

/** The ways a summary mentions a name: as written, reordered, in capitals, bare, initials. */
function mention(name: string): string {
  const parts = name.split(' ');
  const family = parts.slice(1).join(' ');
  const given = parts[0] ?? '';
  return pick([
    name,
    `${family.toUpperCase()}, ${given}`,
    name.normalize('NFKD').replace(/\p{M}/gu, ''),
    family,
    `${given[0] ?? ''}. ${family}`,
    name.toLowerCase(),
  ]);
}

function spaced(value: string): string {
  return pick([value, value.replace(/(.{3})/g, '$1 ').trim(), value.replace(/(.{4})/g, '$1-').replace(/-$/, '')]);
}

function phoneMention(phone: string): string {
  const d = phone.replace(/\D/g, '');
  return pick([phone, `00${d}`, `0${d.slice(-9)}`, `+${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`]);
}

export interface CorpusNotice {
  notice: CaseNoticeProps;
}

/** One generated notice from `issuer`, its summary mentioning its values in many forms. */
export function corpusNotice(issuer: string, agencyIds: readonly string[]): CaseNoticeProps {
  const count = 2 + randomInt(4);
  const names = uniqueNames(count);
  const persons: v1.Person.$Properties[] = names.map((fullName) => {
    const p: v1.Person.$Properties = {
      role: pick(ROLES),
      fullName,
      dateOfBirth: `19${60 + randomInt(40)}-0${1 + randomInt(9)}-1${randomInt(10)}`,
      nationality: pick(NATIONALITIES),
      phone: `+${pick(['218', '216', '249', '291', '93'])} ${digits(2)} ${digits(3)} ${digits(4)}`,
      documents: [{ kind: 'passport', number: `${pick(['P', 'AF', 'ER'])}${digits(7)}`, issuingCountry: pick(NATIONALITIES) }],
      unaccompanied: randomInt(4) === 0,
    };
    const minor = randomInt(3);
    if (minor < 2) p.minor = minor === 0;
    return p;
  });
  const account = ibanFor('LY', `${digits(3)}${digits(3)}${digits(15)}`);
  const vessel = `IMO ${imoFor(digits(6))}`;
  const email = `${tokens(names[0] ?? 'x')[0] ?? 'x'}.${digits(3)}@mail.example`;
  const mentions = [
    ...persons.map(
      (p) =>
        `${mention(p.fullName ?? '')} (born ${p.dateOfBirth}, tel. ${phoneMention(p.phone ?? '')}, passport ${spaced(p.documents?.[0]?.number ?? '')})`,
    ),
    `payments to account ${spaced(account)}`,
    `the vessel ${vessel}`,
    `contact ${email}`,
  ];
  const summary = `Reported ${new Date().toISOString().slice(0, 10)}: ${mentions.sort(() => randomInt(3) - 1).join('; ')}.`;
  const addressees = agencyIds.filter(() => randomInt(5) === 0);
  const amount = `${randomInt(9000)}.00`;
  const lat = 30 + Math.random() * 5;
  const lon = 10 + Math.random() * 5;
  // The scrubber takes a digit run found inside a withheld number for a piece of it (rightly:
  // "the last 7 digits of a phone"), so the place's number must not happen to sit inside one
  // of this notice's numbers, or a granted label would count as over-redacted by chance.
  const numbers = [
    account,
    vessel,
    email,
    amount,
    String(lat),
    String(lon),
    ...persons.flatMap((p) => [p.phone ?? '', p.dateOfBirth ?? '', p.documents?.[0]?.number ?? '']),
  ]
    .map((n) => n.replace(/\D/g, ''))
    .join(' ');
  let place = digits(3);
  while (numbers.includes(place)) place = digits(3);
  return {
    noticeId: randomUUID(),
    issuingAgency: issuer,
    issuedAt: timestampFromDate(new Date()),
    caseRef: `CASE-${randomInt(40)}`,
    type: pick([v1.NoticeType.ALERT, v1.NoticeType.INTELLIGENCE_REPORT, v1.NoticeType.CASE_UPDATE]),
    tlp: pick([v1.Tlp.CLEAR, v1.Tlp.GREEN, v1.Tlp.AMBER, v1.Tlp.AMBER_STRICT]),
    caveats: [v1.Caveat.WITNESS_PROTECTION, v1.Caveat.MINORS_INVOLVED, v1.Caveat.FINANCIAL_INVESTIGATION].filter(() => randomInt(3) === 0),
    mode: pick([v1.Mode.SEA, v1.Mode.LAND, v1.Mode.AIR]),
    route: { origin: [pick(COUNTRIES)], transit: [pick(COUNTRIES)], destination: [pick(COUNTRIES)] },
    addressees,
    summary,
    persons,
    conveyances: [{ kind: v1.ConveyanceKind.VESSEL, identifier: vessel, flagCountry: 'LY' }],
    financial: [
      {
        account,
        institution: 'Sahara Bank',
        amount,
        currency: 'EUR',
        counterparty: pick(['hawala agent', 'money courier']),
      },
    ],
    locations: [
      {
        lat,
        lon,
        label: `landing point ${place}`,
        observedAt: timestampFromDate(new Date()),
      },
    ],
    migrantCount: randomInt(200),
    deathsReported: randomInt(3),
  };
}
