import { randomBytes, randomUUID } from 'node:crypto';
import { discloseNotice, openSubmission, SUBMISSION_CODES } from '../libs/disclosure/index.js';
import type { Category } from '../libs/notice/index.js';
import { timestampFromDate, v1, type CaseNoticeProps } from '../libs/proto/index.js';
import { buildViewTemplate, personaliseView } from '../libs/redaction/index.js';
import { perSecond } from './measure.js';

const ROLES = [v1.PersonRole.SMUGGLER_SUSPECT, v1.PersonRole.FACILITATOR, v1.PersonRole.SMUGGLED_MIGRANT, v1.PersonRole.WITNESS];

/** A notice with 20 persons, their documents and phones, and a summary naming them. */
function twentyPersonNotice(): CaseNoticeProps {
  const persons = Array.from({ length: 20 }, (_, i) => ({
    role: ROLES[i % ROLES.length] ?? v1.PersonRole.SMUGGLED_MIGRANT,
    fullName: `Person${i} Family${i}`,
    dateOfBirth: '1990-01-01',
    nationality: 'ER',
    phone: `+291 7 ${String(100000 + i)}`,
    minor: i % 5 === 0,
    documents: [{ kind: 'passport', number: `ER${String(1000000 + i)}`, issuingCountry: 'ER' }],
  }));
  return {
    noticeId: randomUUID(),
    issuingAgency: 'it-police',
    caseRef: 'BENCH-1',
    type: v1.NoticeType.ALERT,
    tlp: v1.Tlp.GREEN,
    mode: v1.Mode.SEA,
    route: { origin: ['LY'], destination: ['IT'] },
    summary: persons.map((p) => `${p.fullName} (tel ${p.phone}, passport ${p.documents[0]?.number})`).join('; '),
    persons,
    financial: [{ account: 'LY83002048000020100120361' }],
    locations: [{ lat: 33, lon: 12, label: 'beach' }],
  };
}

const GRANT_SETS: Category[][] = [
  ['core', 'person.profile', 'smuggler.identity', 'summary', 'conveyance', 'location.precise'],
  ['core', 'person.profile', 'financial', 'smuggler.identity', 'witness.identity', 'summary'],
  ['core', 'person.profile', 'migrant.identity', 'minor.identity'],
  ['core', 'person.profile', 'financial'],
  ['core'],
];

/** Views per second for a 20-person notice routed to 20 recipients in 5 distinct grant sets. */
export async function redactionViewsPerSecond(ms: number): Promise<number> {
  const secret = randomBytes(32);
  const { manifest, disclosures } = discloseNotice(twentyPersonNotice());
  const notice = openSubmission({ manifest, disclosures }, SUBMISSION_CODES);
  const recipients = Array.from({ length: 20 }, (_, i) => ({ id: `agency-${i}`, granted: new Set(GRANT_SETS[i % GRANT_SETS.length]) }));
  return perSecond(ms, () => {
    const templates = new Map<number, ReturnType<typeof buildViewTemplate>>();
    recipients.forEach(({ id, granted }, i) => {
      const set = i % GRANT_SETS.length;
      let template = templates.get(set);
      if (!template) {
        template = buildViewTemplate({
          notice,
          signed: { manifest, manifestJws: '' },
          signerKid: 'k',
          granted,
          ruleIds: [],
          policyVersion: 'bench',
          receivedAt: timestampFromDate(new Date()),
          secret,
        });
        templates.set(set, template);
      }
      v1.DeliveredView.encode(personaliseView(template, id, secret).view).finish();
    });
    return recipients.length;
  });
}
