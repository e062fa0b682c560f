import { afterAll, beforeAll, expect, test } from 'vitest';
import { publishSubmission, signNotice } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { awaitDecision, deliveredViews } from '../harness/bus-readers.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, type TestServices } from '../harness/test-services.js';

let bus: TestBus;
let services: TestServices;
let police: TestAgency;

beforeAll(async () => {
  bus = await startTestBus();
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  await registerAgency(bus, { id: 'it-protection', country: 'IT', role: 'protection', groups: ['med'] });
  services = await startTestServices(bus);
});

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

test("a name withheld from a recipient appears nowhere in the view it is delivered, which holds the notice's granted values", async () => {
  const notice = sampleNotice('it-police', { tlp: v1.Tlp.AMBER });
  const { seq } = await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', await signNotice(notice, police.key));
  expect((await awaitDecision(bus.nc, 'it-police', seq, 15_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);

  const [coastguard] = await deliveredViews(bus, 'ly-coastguard');
  const coastguardBytes = Buffer.from(coastguard?.raw ?? []);
  expect(coastguardBytes.includes('Kamal Haddad')).toBe(true);
  for (const withheld of ['Amina', 'Tesfaye', 'Yonas', 'Berhane', 'LY83002048000020100120361']) {
    expect(coastguardBytes.includes(withheld)).toBe(false);
  }

  const [protection] = await deliveredViews(bus, 'it-protection');
  const protectionBytes = Buffer.from(protection?.raw ?? []);
  expect(protectionBytes.includes('Amina Tesfaye')).toBe(true);
  for (const withheld of ['Kamal', 'Haddad', 'LY4455667', '+218 91 555 0101', 'Berhane']) {
    expect(protectionBytes.includes(withheld)).toBe(false);
  }
});
