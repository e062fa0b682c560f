import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { publishSubmission, signNotice } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { signingKeyFromJwk, type SigningKey } from '../../libs/signing/index.js';
import { removeAgencyIn, revokeAgencyKeyIn, rotateAgencyKeyIn } from '../../libs/context/index.js';
import { auditChain, awaitDecision, deliveredViews } from '../harness/bus-readers.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestIngest, startTestServices, type TestServices } from '../harness/test-services.js';

let bus: TestBus;
let services: TestServices;

beforeAll(async () => {
  bus = await startTestBus();
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  services = await startTestServices(bus);
});

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

async function rotate(agency: string): Promise<SigningKey> {
  const { signingKeyFile } = await rotateAgencyKeyIn(bus.dir, agency);
  return signingKeyFromJwk(JSON.parse(readFileSync(signingKeyFile ?? '', 'utf8')), agency);
}

async function submit(agency: string, key: SigningKey): Promise<number> {
  const notice = sampleNotice(agency);
  return (await publishSubmission(bus.js, agency, notice.noticeId ?? '', await signNotice(notice, key))).seq;
}

async function decisionOf(agency: string, seq: number): Promise<string> {
  const d = await awaitDecision(bus.nc, agency, seq, 15_000);
  return d.status === v1.DecisionStatus.DECISION_ACCEPTED ? 'accepted' : d.code;
}

describe('key rotation and revocation', () => {
  test('after rotation both the old and the new key are accepted', async () => {
    const { key: old } = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
    const fresh = await rotate('it-police');
    expect(await decisionOf('it-police', await submit('it-police', old))).toBe('accepted');
    expect(await decisionOf('it-police', await submit('it-police', fresh))).toBe('accepted');
  });

  test('a superseded key signs no new submission, while the new key does', async () => {
    const { key: old } = await registerAgency(bus, { id: 'gr-coastguard', country: 'GR', role: 'coastguard', groups: ['med'] });
    const fresh = await rotate('gr-coastguard');
    await revokeAgencyKeyIn(bus.dir, 'gr-coastguard', old.kid, 'superseded');
    await new Promise((r) => setTimeout(r, 200));
    expect(await decisionOf('gr-coastguard', await submit('gr-coastguard', old))).toBe('E_KEY_REVOKED');
    expect(await decisionOf('gr-coastguard', await submit('gr-coastguard', fresh))).toBe('accepted');
  });

  test('a submission queued before its key was superseded is still accepted', async () => {
    const { key: old } = await registerAgency(bus, { id: 'es-police', country: 'ES', role: 'police', groups: ['med'] });
    await services.ingest.stop();
    const queued = await submit('es-police', old);
    await rotate('es-police');
    await revokeAgencyKeyIn(bus.dir, 'es-police', old.kid, 'superseded');
    services.ingest = await startTestIngest(bus);
    expect(await decisionOf('es-police', queued)).toBe('accepted');
  });

  test('a submission queued before its key was revoked as compromised is quarantined E_KEY_REVOKED', async () => {
    const { key: old } = await registerAgency(bus, { id: 'tn-police', country: 'TN', role: 'police', groups: ['med'] });
    await services.ingest.stop();
    const queued = await submit('tn-police', old);
    await rotate('tn-police');
    await revokeAgencyKeyIn(bus.dir, 'tn-police', old.kid, 'compromised');
    services.ingest = await startTestIngest(bus);
    expect(await decisionOf('tn-police', queued)).toBe('E_KEY_REVOKED');
  });

  test('a view of a notice signed with a key superseded since still verifies for its recipient', async () => {
    const { key: old } = await registerAgency(bus, { id: 'fr-police', country: 'FR', role: 'police', groups: ['med'] });
    const notice = sampleNotice('fr-police', { addressees: ['ly-coastguard'] });
    const { seq } = await publishSubmission(bus.js, 'fr-police', notice.noticeId ?? '', await signNotice(notice, old));
    expect(await decisionOf('fr-police', seq)).toBe('accepted');
    await rotate('fr-police');
    await revokeAgencyKeyIn(bus.dir, 'fr-police', old.kid, 'superseded');
    const views = await deliveredViews(bus, 'ly-coastguard');
    expect(views.find((v) => v.view.core?.noticeId === notice.noticeId)?.view.signerKid).toBe(old.kid);
  });

  test('a key revoked as compromised cannot be downgraded to superseded', async () => {
    const { key } = await registerAgency(bus, { id: 'dz-police', country: 'DZ', role: 'police', groups: ['med'] });
    await revokeAgencyKeyIn(bus.dir, 'dz-police', key.kid, 'compromised');
    await expect(revokeAgencyKeyIn(bus.dir, 'dz-police', key.kid, 'superseded')).rejects.toMatchObject({ code: 'E_STATE' });
  });

  test('an agency removed and registered again under its id reads none of the earlier deliveries, and its old key signs nothing', async () => {
    const sender = await registerAgency(bus, { id: 'eg-police', country: 'EG', role: 'police', groups: ['med'] });
    const { key: oldKey } = await registerAgency(bus, { id: 'sd-police', country: 'SD', role: 'police', groups: ['med'] });
    const notice = sampleNotice('eg-police', { addressees: ['sd-police'] });
    expect(
      await decisionOf(
        'eg-police',
        (await publishSubmission(bus.js, 'eg-police', notice.noticeId ?? '', await signNotice(notice, sender.key))).seq,
      ),
    ).toBe('accepted');
    expect((await deliveredViews(bus, 'sd-police')).length).toBe(1);
    await removeAgencyIn(bus.dir, 'sd-police');
    const again = await registerAgency(bus, { id: 'sd-police', country: 'SD', role: 'police', groups: ['med'] });
    expect((await deliveredViews(bus, 'sd-police')).length).toBe(0);
    expect(await decisionOf('sd-police', await submit('sd-police', oldKey))).toBe('E_KEY_REVOKED');
    expect(await decisionOf('sd-police', await submit('sd-police', again.key))).toBe('accepted');
  });

  test('a revoked key stays in the registry, so what it signed stays verifiable', async () => {
    const entry = await bus.buckets.keys.keys();
    const kids: string[] = [];
    for await (const k of entry) kids.push(k);
    const statuses = await Promise.all(kids.map(async (k) => (await bus.buckets.keys.get(k))?.json<{ status: string }>().status));
    expect(statuses).toEqual(expect.arrayContaining(['superseded', 'compromised', 'active']));
  });

  test('every key change is an audit record', async () => {
    await new Promise((r) => setTimeout(r, 500));
    const actions = (await auditChain(bus)).records.filter((r) => r.event?.kind === v1.AuditKind.KEY).map((r) => r.event?.action);
    expect(actions).toEqual(expect.arrayContaining(['agency-added', 'key-added', 'key-revoked-superseded', 'key-revoked-compromised']));
  });
});
