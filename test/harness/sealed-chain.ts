import { publishSubmission, signNotice } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { awaitDecision, waitForAuditRecord } from './bus-readers.js';
import { sampleNotice } from './sample-notice.js';
import { registerAgency } from './test-agencies.js';
import { startTestBus, type TestBus } from './test-bus.js';
import { startTestServices } from './test-services.js';

/**
 * A bus whose audit chain holds `notices` notices from it-police to ly-coastguard, each
 * fully recorded, sealed by a checkpoint every `checkpointEveryRecords` records; its
 * services stopped, so the chain stays as it is.
 */
export async function busWithSealedChain(notices: number, checkpointEveryRecords: number): Promise<TestBus> {
  const bus = await startTestBus();
  const police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  const services = await startTestServices(bus, { audit: { checkpointEveryRecords } });
  for (let i = 0; i < notices; i++) {
    const notice = sampleNotice('it-police', { addressees: ['ly-coastguard'] });
    const { seq } = await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', await signNotice(notice, police.key));
    await awaitDecision(bus.nc, 'it-police', seq, 15_000);
    await waitForAuditRecord(bus, (r) => r.event?.kind === v1.AuditKind.DELIVERED && r.event.noticeId === notice.noticeId);
  }
  await services.stop();
  return bus;
}
