import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import { streams, subjects } from '../../libs/bus/index.js';
import { publishSubmission, signNotice } from '../../libs/client/index.js';
import { encodeNotice } from '../../libs/notice/index.js';
import { v1 } from '../../libs/proto/index.js';
import { awaitDecision, listQuarantine, waitForAuditRecord } from '../harness/bus-readers.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { envelope, forgedJws, signUnchecked } from '../harness/submissions.js';
import { registerAgency, unregisteredKey, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, type TestServices } from '../harness/test-services.js';

let bus: TestBus;
let services: TestServices;
let police: TestAgency;
let coastguard: TestAgency;

beforeAll(async () => {
  bus = await startTestBus();
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  coastguard = await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  services = await startTestServices(bus);
});

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

async function deliveryCount(): Promise<number> {
  return (await bus.jsm.streams.info(streams.deliveries)).state.messages;
}

/** Submits raw bytes as `agency` and checks the submission ends quarantined, audited, undelivered. */
async function expectQuarantined(agency: string, submission: Uint8Array, code: string): Promise<void> {
  const deliveriesBefore = await deliveryCount();
  const ack = await bus.js.publish(subjects.ingest(agency), submission, { msgID: `test/${randomBytes(8).toString('hex')}` });
  const decision = await awaitDecision(bus.nc, agency, ack.seq, 15_000);
  expect(decision.status).toBe(v1.DecisionStatus.DECISION_QUARANTINED);
  expect(decision.code).toBe(code);

  const quarantined = (await listQuarantine(bus.js, bus.jsm, { agency })).find((q) => Number(q.ingestSeq) === ack.seq);
  expect(quarantined?.code).toBe(code);
  expect(Buffer.from(quarantined?.submission ?? []).equals(Buffer.from(submission))).toBe(true);

  const record = await waitForAuditRecord(
    bus,
    (r) => r.event?.kind === v1.AuditKind.QUARANTINED && r.event.agency === agency && Number(r.event.ingestSeq) === ack.seq,
  );
  expect(record.event?.code).toBe(code);
  expect(await deliveryCount()).toBe(deliveriesBefore);
}

describe('ingest quarantines every refused submission with its reason code', () => {
  test('bytes that are not a SignedNotice: E_DECODE', async () => {
    await expectQuarantined('it-police', Buffer.from('definitely not protobuf \xff\xff\xff\xff'), 'E_DECODE');
  });

  test('a notice with an unspecified enum: E_SCHEMA', async () => {
    const notice = sampleNotice('it-police', { tlp: v1.Tlp.TLP_UNSPECIFIED });
    await expectQuarantined('it-police', await signUnchecked(notice, police.key), 'E_SCHEMA');
  });

  test('a submission on the subject of an unregistered agency: E_UNKNOWN_AGENCY', async () => {
    const notice = sampleNotice('xx-ghost');
    await expectQuarantined('xx-ghost', await signUnchecked(notice, await unregisteredKey()), 'E_UNKNOWN_AGENCY');
  });

  test('a signature by a key the bus does not know: E_UNKNOWN_KID', async () => {
    await expectQuarantined('it-police', await signNotice(sampleNotice('it-police'), await unregisteredKey()), 'E_UNKNOWN_KID');
  });

  test('notice bytes changed after signing: E_SIGNATURE_INVALID', async () => {
    const signed = v1.SignedNotice.decode(await signNotice(sampleNotice('it-police'), police.key));
    const altered = encodeNotice({ ...v1.CaseNotice.decode(signed.notice), migrantCount: 4 });
    await expectQuarantined('it-police', envelope(altered, signed.jws), 'E_SIGNATURE_INVALID');
  });

  test("a notice of one agency signed with another's key: E_SIGNER_MISMATCH", async () => {
    await expectQuarantined('it-police', await signNotice(sampleNotice('it-police'), coastguard.key), 'E_SIGNER_MISMATCH');
  });

  test("a genuine notice published on another agency's subject: E_SUBJECT_MISMATCH", async () => {
    await expectQuarantined('ly-coastguard', await signNotice(sampleNotice('it-police'), police.key), 'E_SUBJECT_MISMATCH');
  });

  test('a noticeId already accepted, submitted again: E_DUPLICATE', async () => {
    const notice = sampleNotice('it-police', { addressees: ['ly-coastguard'] });
    const first = await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', await signNotice(notice, police.key));
    expect((await awaitDecision(bus.nc, 'it-police', first.seq, 15_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
    const sameIdFromOther = sampleNotice('ly-coastguard', { noticeId: notice.noticeId ?? '' });
    await expectQuarantined('ly-coastguard', await signNotice(sameIdFromOther, coastguard.key), 'E_DUPLICATE');
  });

  test('an addressee that is not a registered agency: E_UNKNOWN_ADDRESSEE', async () => {
    const notice = sampleNotice('it-police', { addressees: ['ly-coastguard', 'zz-nowhere'] });
    await expectQuarantined('it-police', await signNotice(notice, police.key), 'E_UNKNOWN_ADDRESSEE');
  });

  test('a submission over the size limit: E_TOO_LARGE', async () => {
    const notice = sampleNotice('it-police', { summary: 'x'.repeat(300 * 1024) });
    await expectQuarantined('it-police', await signNotice(notice, police.key), 'E_TOO_LARGE');
  });

  test('a JWS with an HMAC algorithm: E_ALG_FORBIDDEN', async () => {
    const bytes = encodeNotice(sampleNotice('it-police'));
    const jws = forgedJws({ alg: 'HS256', kid: police.key.kid, typ: 'accord-notice+jws' });
    await expectQuarantined('it-police', envelope(bytes, jws), 'E_ALG_FORBIDDEN');
  });

  test('a JWS header carrying its own key: E_HEADER_FORBIDDEN', async () => {
    const bytes = encodeNotice(sampleNotice('it-police'));
    const jws = forgedJws({ alg: 'EdDSA', kid: police.key.kid, typ: 'accord-notice+jws', jwk: police.publicJwk });
    await expectQuarantined('it-police', envelope(bytes, jws), 'E_HEADER_FORBIDDEN');
  });
});
