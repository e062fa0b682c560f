import { randomUUID } from 'node:crypto';
import { timestampFromDate, v1, type CaseNoticeProps } from '../../libs/proto/index.js';

/** A realistic notice from `issuer`: a smuggler, a migrant child, a witness, money, a place. */
export function sampleNotice(issuer: string, overrides: Partial<CaseNoticeProps> = {}): CaseNoticeProps {
  return {
    noticeId: randomUUID(),
    issuingAgency: issuer,
    issuedAt: timestampFromDate(new Date()),
    caseRef: 'IT-PA-2026-0042',
    type: v1.NoticeType.ALERT,
    tlp: v1.Tlp.AMBER,
    caveats: [],
    mode: v1.Mode.SEA,
    route: { origin: ['NE'], transit: ['LY'], destination: ['IT'] },
    addressees: [],
    summary: 'Boat left Zuwara at dawn with about 45 people.',
    persons: [
      {
        role: v1.PersonRole.SMUGGLER_SUSPECT,
        fullName: 'Kamal Haddad',
        dateOfBirth: '1984-03-12',
        nationality: 'LY',
        phone: '+218 91 555 0101',
        minor: false,
        documents: [{ kind: 'passport', number: 'LY4455667', issuingCountry: 'LY' }],
      },
      { role: v1.PersonRole.SMUGGLED_MIGRANT, fullName: 'Amina Tesfaye', nationality: 'ER', unaccompanied: true },
      { role: v1.PersonRole.WITNESS, fullName: 'Yonas Berhane', nationality: 'ER', minor: false },
    ],
    conveyances: [{ kind: v1.ConveyanceKind.VESSEL, identifier: 'grey rubber boat', flagCountry: 'LY' }],
    financial: [{ account: 'LY83002048000020100120361', institution: 'Sahara Bank', amount: '1500.00', currency: 'EUR' }],
    locations: [{ lat: 32.931, lon: 12.081, label: 'Zuwara beach', observedAt: timestampFromDate(new Date()) }],
    migrantCount: 45,
    deathsReported: 0,
    ...overrides,
  };
}
