import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { publishSubmission, signNotice } from '../../libs/client/index.js';
import { subjects } from '../../libs/bus/index.js';
import { v1 } from '../../libs/proto/index.js';
import { applyPolicyIn } from '../../libs/context/index.js';
import { awaitDecision, deliveredViews, waitForAuditRecord } from '../harness/bus-readers.js';
import { runCli } from '../harness/run-cli.js';
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
  await registerAgency(bus, { id: 'mt-fiu', country: 'MT', role: 'fiu', groups: ['med'] });
  services = await startTestServices(bus);
});

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

async function routedVersion(): Promise<{ version: string; recipients: string[] }> {
  const notice = sampleNotice('it-police', { tlp: v1.Tlp.GREEN });
  const { seq } = await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', await signNotice(notice, police.key));
  expect((await awaitDecision(bus.nc, 'it-police', seq, 15_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
  const routed = await waitForAuditRecord(bus, (r) => r.event?.kind === v1.AuditKind.ROUTED && r.event.noticeId === notice.noticeId);
  return { version: routed.event?.policyVersion ?? '', recipients: routed.event?.recipients ?? [] };
}

async function routingReports(): Promise<string> {
  return (await bus.nc.request(subjects.health('routing'), '', { timeout: 2000 })).json<{ policyVersion: string }>().policyVersion;
}

test('a policy applied in the running stack routes the next notice, and its version is in the audit record', async () => {
  expect(await routedVersion()).toEqual({ version: 'default@1', recipients: ['ly-coastguard', 'mt-fiu'] });
  const file = join(bus.dir, 'no-fiu.yaml');
  writeFileSync(
    file,
    'schema: 1\npolicy: no-fiu\nrules:\n  - id: fius-out\n    when: { recipient: { role: [fiu] } }\n    exclude: true\n  - id: profiles\n    when: { recipient: { role: { not: [research] } } }\n    grant: [person.profile]\n',
  );
  const { stored, inForce } = await applyPolicyIn(bus.dir, file);
  expect({ version: stored.version, inForce }).toEqual({ version: 2, inForce: true });
  expect(await routedVersion()).toEqual({ version: 'no-fiu@2', recipients: ['ly-coastguard'] });
  const views = await deliveredViews(bus, 'ly-coastguard');
  expect(views.at(-1)?.view.policyVersion).toBe('no-fiu@2');
  expect(views.at(-1)?.view.ruleIds).toEqual(['profiles']);
  const record = await waitForAuditRecord(bus, (r) => r.event?.kind === v1.AuditKind.POLICY && r.event.policyVersion === 'no-fiu@2');
  expect(record.event?.action).toBe('policy-applied');
});

test('a bad policy is refused with its errors and leaves the running policy in force', async () => {
  const before = await routingReports();
  const file = join(bus.dir, 'bad.yaml');
  writeFileSync(file, 'schema: 1\npolicy: bad\nrules:\n  - id: r\n    grant: [everything]\n');
  await expect(applyPolicyIn(bus.dir, file)).rejects.toMatchObject({
    code: 'E_POLICY_INVALID',
    message: expect.stringMatching(/bad\.yaml:5:\d+: rules\[0\]\.grant\[0\]/),
  });
  expect(await routingReports()).toBe(before);
  expect((await routedVersion()).version).toBe(before);
});

const GRANT_EVERYTHING =
  'schema: 1\npolicy: everything\nrules:\n  - id: everything-to-everyone\n    grant: [person.profile, witness.identity, minor.identity, summary]\n';

test('a policy whose rules would break an engine invariant is refused by apply, and the running policy stays in force', async () => {
  const before = await routingReports();
  const file = join(bus.dir, 'everything.yaml');
  writeFileSync(file, GRANT_EVERYTHING);
  await expect(applyPolicyIn(bus.dir, file)).rejects.toMatchObject({
    code: 'E_POLICY_INVALID',
    message: expect.stringContaining(
      'everything.yaml:5:12: rules[0].grant: rule "everything-to-everyone" would break engine invariants: minors-on-route',
    ),
  });
  expect(await routingReports()).toBe(before);
});

test('policy explain says what an engine invariant withheld, in text and in --json', async () => {
  const file = join(bus.dir, 'everything.yaml');
  writeFileSync(file, GRANT_EVERYTHING);
  const noticeFile = join(bus.dir, 'wp-notice.json');
  const notice = {
    noticeId: '3f0c8d2e-6a1b-4c5d-8e9f-0a1b2c3d4e5f',
    issuingAgency: 'it-police',
    issuedAt: '2026-11-29T08:30:00Z',
    caseRef: 'IT-1',
    type: 'ALERT',
    tlp: 'GREEN',
    caveats: ['WITNESS_PROTECTION'],
    mode: 'SEA',
    route: { origin: ['NE'], transit: ['LY'], destination: ['IT'] },
  };
  writeFileSync(noticeFile, JSON.stringify(notice));
  const text = await runCli('policy', 'explain', '--policy', file, noticeFile, '--dir', bus.dir);
  expect(text.status).toBe(0);
  expect(text.stderr).toContain('warning: policy check and apply refuse this policy: ');
  expect(text.stdout).toContain(
    'ly-coastguard: witness.identity withheld by invariant witness-protection (under WITNESS_PROTECTION, witness.identity reaches only the prosecutors the notice addresses)',
  );
  expect(text.stdout).toContain('mt-fiu: minor.identity withheld by invariant minors-on-route');
  const json = await runCli('policy', 'explain', '--policy', file, noticeFile, '--dir', bus.dir, '--json');
  const agencies = (JSON.parse(json.stdout) as { agencies: { agency: string; invariants: unknown }[] }).agencies;
  expect(agencies.find((a) => a.agency === 'mt-fiu')?.invariants).toEqual([
    { invariant: 'minors-on-route', removed: ['minor.identity'] },
    { invariant: 'witness-protection', removed: ['witness.identity'] },
  ]);
});
