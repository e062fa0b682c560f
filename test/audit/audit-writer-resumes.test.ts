import { afterAll, beforeAll, expect, test } from 'vitest';
import { publishSubmission, signNotice } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';

import { awaitDecision, auditChain } from '../harness/bus-readers.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestAudit, startTestServices, type TestServices } from '../harness/test-services.js';

let bus: TestBus;
let services: TestServices;
let police: TestAgency;

beforeAll(async () => {
  bus = await startTestBus();
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  await registerAgency(bus, { id: 'it-prosecutor', country: 'IT', role: 'prosecutor', groups: ['med'] });
  services = await startTestServices(bus);
});

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

async function publishAccepted(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const notice = sampleNotice('it-police');
    const { seq } = await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', await signNotice(notice, police.key));
    expect((await awaitDecision(bus.nc, 'it-police', seq, 15_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
    ids.push(notice.noticeId ?? '');
  }
  return ids;
}

test('a restarted audit writer resumes from the chain: every event chained exactly once', async () => {
  const before = await publishAccepted(5);
  await services.audit.stop();
  const during = await publishAccepted(5);
  const restarted = await startTestAudit(bus);
  try {
    const noticeIds = [...before, ...during];
    const deadline = Date.now() + 15_000;
    let chain = await auditChain(bus);
    const delivered = () => chain.records.filter((r) => r.event?.kind === v1.AuditKind.DELIVERED).length;
    while (delivered() < noticeIds.length * 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      chain = await auditChain(bus);
    }
    expect(chain.broken).toBeUndefined();
    const ids = chain.records.map((r) => r.event?.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const noticeId of noticeIds) {
      const kinds = chain.records.filter((r) => r.event?.noticeId === noticeId).map((r) => r.event?.kind);
      expect(kinds.sort()).toEqual(
        [v1.AuditKind.ACCEPTED, v1.AuditKind.ROUTED, v1.AuditKind.VIEW, v1.AuditKind.VIEW, v1.AuditKind.DELIVERED, v1.AuditKind.DELIVERED].sort(),
      );
    }
  } finally {
    await restarted.stop();
  }
});
