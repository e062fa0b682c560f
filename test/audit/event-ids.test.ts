import { expect, test } from 'vitest';
import { auditEventId, officerDigest } from '../../libs/audit/index.js';

const at = new Date('2025-03-01T12:00:00Z');
const every = (agency: string, noticeId: string, n: number) => [
  auditEventId.received(agency, n),
  auditEventId.quarantined(agency, n),
  auditEventId.accepted(noticeId),
  auditEventId.routed(noticeId),
  auditEventId.view(noticeId, agency),
  auditEventId.delivered(noticeId, agency),
  auditEventId.receipt(agency, noticeId, officerDigest('Officer Rossi')),
  auditEventId.keyChange(agency, 'kid-1', 'added'),
  auditEventId.agencyChange(agency, 'added', at),
  auditEventId.service(agency, 'instance-1', 'started'),
  auditEventId.checkpoint(n),
  auditEventId.policy(`${agency}@${n}`),
];

test('event ids of different kinds differ for the same inputs', () => {
  for (const ids of [every('it-police', 'n-1', 7), every('ingest', '7', 7)]) expect(new Set(ids).size).toBe(ids.length);
});

// The chain holds these ids, and the writer skips an id it has chained: a changed format would chain a redone step twice.
test('event ids keep the formats the chain holds', () => {
  expect(every('it-police', 'n-1', 7)).toEqual([
    'received/it-police/7',
    'quarantined/it-police/7',
    'accepted/n-1',
    'routed/n-1',
    'view/n-1/it-police',
    'delivered/n-1/it-police',
    'receipt/it-police/n-1/YxNqMX89RNO1loTf',
    'key/it-police/kid-1/added',
    'agency/it-police/added/2025-03-01T12:00:00.000Z',
    'service/it-police/instance-1/started',
    'checkpoint/7',
    'policy/it-police@7',
  ]);
});

test('officers are told apart in receipt ids', () => {
  expect(officerDigest('Officer Bianchi')).not.toBe(officerDigest('Officer Rossi'));
});
