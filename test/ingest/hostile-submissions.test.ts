import { randomBytes } from 'node:crypto';
import { base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { streams, subjects } from '../../libs/bus/index.js';
import { publishSubmission, signNotice } from '../../libs/client/index.js';
import { digestOf, discloseNotice } from '../../libs/disclosure/index.js';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';
import { NOTICE_TYP, signDetached, type SigningKey, signingKeyFromJwk } from '../../libs/signing/index.js';
import { revokeAgencyKeyIn, rotateAgencyKeyIn } from '../../libs/context/index.js';
import { awaitDecision, listQuarantine, waitForAuditRecord } from '../harness/bus-readers.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { envelope, forgedJws, signUnchecked } from '../harness/submissions.js';
import { registerAgency, unregisteredKey, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestIngest, startTestServices, type TestServices } from '../harness/test-services.js';
import { DEFAULT_INGEST_LIMITS } from '../../libs/ingest/index.js';
import { readFileSync } from 'node:fs';

let bus: TestBus;
let services: TestServices;
let police: TestAgency;
let coastguard: TestAgency;
let compromisedKey: SigningKey;
let expired: TestAgency;

const hourAgo = () => timestampFromDate(new Date(Date.now() - 3600_000));
const hourAhead = () => timestampFromDate(new Date(Date.now() + 3600_000));
const notice = (overrides: Parameters<typeof sampleNotice>[1] = {}) => sampleNotice('it-police', overrides);
const header = (fields: Record<string, unknown>) => forgedJws({ alg: 'EdDSA', kid: police.key.kid, typ: NOTICE_TYP, ...fields });
/** A well-formed notice's parts under a forged header. */
const forged = (fields: Record<string, unknown>) => {
  const { manifest, disclosures } = discloseNotice(notice());
  return envelope(manifest, header(fields), disclosures);
};
/** A genuine submission's parts, to tamper with. */
const genuine = async () => v1.SignedNotice.decode(await signNotice(notice(), police.key));

interface Row {
  what: string;
  agency: string;
  code: string;
  submission: () => Promise<Uint8Array>;
}

/** Each row: what is sent, on whose subject, and the one reason code it must get. */
const rows: Row[] = [
  {
    what: 'bytes that are not protobuf',
    agency: 'it-police',
    code: 'E_DECODE',
    submission: async () => Buffer.from('GET / HTTP/1.1\r\n\xff\xff'),
  },
  { what: 'an empty submission', agency: 'it-police', code: 'E_DECODE', submission: async () => new Uint8Array() },
  {
    what: 'an unknown SignedNotice format',
    agency: 'it-police',
    code: 'E_DECODE',
    submission: async () => envelope(new Uint8Array(), 'x..y', [], 7),
  },
  {
    what: 'the retired format 1, however well signed',
    agency: 'it-police',
    code: 'E_DECODE',
    submission: async () => {
      const g = await genuine();
      return envelope(g.manifest, g.jws, g.disclosures, 1);
    },
  },
  {
    what: 'an attached (not detached) JWS',
    agency: 'it-police',
    code: 'E_DECODE',
    submission: async () => {
      const g = await genuine();
      const [h, , sig] = g.jws.split('.');
      return envelope(g.manifest, `${h}.${base64url.encode(g.manifest)}.${sig}`, g.disclosures);
    },
  },
  {
    what: 'a JWS header that is not JSON',
    agency: 'it-police',
    code: 'E_DECODE',
    submission: async () => envelope(new Uint8Array(), `${base64url.encode('not json')}..AAAA`),
  },
  { what: 'alg none', agency: 'it-police', code: 'E_ALG_FORBIDDEN', submission: async () => forged({ alg: 'none' }) },
  {
    what: 'alg HS256 (HMAC with the public key as secret)',
    agency: 'it-police',
    code: 'E_ALG_FORBIDDEN',
    submission: async () => forged({ alg: 'HS256' }),
  },
  { what: 'alg RS256', agency: 'it-police', code: 'E_ALG_FORBIDDEN', submission: async () => forged({ alg: 'RS256' }) },
  {
    what: 'an embedded jwk header',
    agency: 'it-police',
    code: 'E_HEADER_FORBIDDEN',
    submission: async () => forged({ jwk: police.publicJwk }),
  },
  {
    what: 'a jku header',
    agency: 'it-police',
    code: 'E_HEADER_FORBIDDEN',
    submission: async () => forged({ jku: 'https://evil.example/keys' }),
  },
  { what: 'an x5c header', agency: 'it-police', code: 'E_HEADER_FORBIDDEN', submission: async () => forged({ x5c: ['MII='] }) },
  {
    what: 'an x5u header',
    agency: 'it-police',
    code: 'E_HEADER_FORBIDDEN',
    submission: async () => forged({ x5u: 'https://evil.example/cert' }),
  },
  {
    what: 'an unknown crit entry',
    agency: 'it-police',
    code: 'E_HEADER_FORBIDDEN',
    submission: async () => forged({ crit: ['exp'], exp: 1 }),
  },
  {
    what: 'a typ other than accord-notice+jws',
    agency: 'it-police',
    code: 'E_HEADER_FORBIDDEN',
    submission: async () => forged({ typ: 'JWT' }),
  },
  {
    what: 'a key the bus does not know',
    agency: 'it-police',
    code: 'E_UNKNOWN_KID',
    submission: async () => signNotice(notice(), await unregisteredKey()),
  },
  {
    what: 'the manifest (core) changed after signing',
    agency: 'it-police',
    code: 'E_SIGNATURE_INVALID',
    submission: async () => {
      const g = await genuine();
      const manifest = v1.NoticeManifest.decode(g.manifest);
      manifest.core = { ...manifest.core, deathsReported: 9 };
      return envelope(v1.NoticeManifest.encode(manifest).finish(), g.jws, g.disclosures);
    },
  },
  {
    what: 'a disclosure changed after signing',
    agency: 'it-police',
    code: 'E_SIGNATURE_INVALID',
    submission: async () => {
      const g = await genuine();
      const changed = g.disclosures.map((bytes) => {
        const d = v1.Disclosure.decode(bytes);
        return d.personIdentity
          ? // oxlint-disable-next-line typescript/no-misused-spread -- a decoded protobufjs message holds its fields as own properties: spreading it copies them, which is all create() and encode() need
            v1.Disclosure.encode({ ...d, personIdentity: { ...d.personIdentity, fullName: 'Someone Else' } }).finish()
          : bytes;
      });
      return envelope(g.manifest, g.jws, changed);
    },
  },
  {
    what: 'a disclosure added that the manifest does not cover',
    agency: 'it-police',
    code: 'E_SIGNATURE_INVALID',
    submission: async () => {
      const g = await genuine();
      const extra = v1.Disclosure.encode({
        salt: new Uint8Array(16),
        path: 'financial/AAAAAAAAAAAAAAAAAAAAAA',
        financial: { account: 'X1' },
      }).finish();
      return envelope(g.manifest, g.jws, [...g.disclosures, extra]);
    },
  },
  {
    what: "another key's signature under the agency's kid",
    agency: 'it-police',
    code: 'E_SIGNATURE_INVALID',
    submission: async () => {
      const { manifest, disclosures } = discloseNotice(notice());
      const impostor = await unregisteredKey();
      return envelope(manifest, await signDetached(manifest, { ...impostor, kid: police.key.kid }, NOTICE_TYP), disclosures);
    },
  },
  {
    what: 'an unknown field smuggled into the signed manifest bytes',
    agency: 'it-police',
    code: 'E_DECODE',
    submission: async () => {
      const { manifest, disclosures } = discloseNotice(notice());
      const bytes = Buffer.concat([manifest, Buffer.from([0xf8, 0x06, 0x01])]);
      return envelope(bytes, await signDetached(bytes, police.key, NOTICE_TYP), disclosures);
    },
  },
  {
    what: 'a disclosure at a path that names an array position',
    agency: 'it-police',
    code: 'E_DECODE',
    submission: async () => {
      const disclosures = [
        v1.Disclosure.encode({ salt: new Uint8Array(16).fill(7), path: 'financial/0', financial: { account: 'X1' } }).finish(),
      ];
      const { manifest: base } = discloseNotice(notice({ financial: [] }));
      const m = v1.NoticeManifest.decode(base);
      m.digests = [...m.digests.slice(1), digestOf(disclosures[0] as Uint8Array)].sort((a, b) => Buffer.compare(a, b));
      const manifest = v1.NoticeManifest.encode(m).finish();
      return envelope(manifest, await signDetached(manifest, police.key, NOTICE_TYP), disclosures);
    },
  },
  {
    what: 'an UNSPECIFIED enum',
    agency: 'it-police',
    code: 'E_SCHEMA',
    submission: async () => signUnchecked(notice({ mode: v1.Mode.MODE_UNSPECIFIED }), police.key),
  },
  {
    what: 'a noticeId that is not a UUID',
    agency: 'it-police',
    code: 'E_SCHEMA',
    submission: async () => signUnchecked(notice({ noticeId: '1 OR 1=1' }), police.key),
  },
  {
    what: "an unregistered agency's subject",
    agency: 'zz-ghost',
    code: 'E_UNKNOWN_AGENCY',
    submission: async () => signUnchecked(sampleNotice('zz-ghost'), await unregisteredKey()),
  },
  {
    what: 'an unregistered issuing agency',
    agency: 'it-police',
    code: 'E_UNKNOWN_AGENCY',
    submission: async () => signNotice(sampleNotice('zz-ghost'), police.key),
  },
  {
    what: "a notice signed with another agency's key",
    agency: 'it-police',
    code: 'E_SIGNER_MISMATCH',
    submission: async () => signNotice(notice(), coastguard.key),
  },
  {
    what: "a genuine notice on another agency's subject",
    agency: 'ly-coastguard',
    code: 'E_SUBJECT_MISMATCH',
    submission: async () => signNotice(notice(), police.key),
  },
  {
    what: 'issuedAt an hour before submission',
    agency: 'it-police',
    code: 'E_STALE',
    submission: async () => signNotice(notice({ issuedAt: hourAgo() }), police.key),
  },
  {
    what: 'issuedAt an hour after submission',
    agency: 'it-police',
    code: 'E_FUTURE',
    submission: async () => signNotice(notice({ issuedAt: hourAhead() }), police.key),
  },
  {
    what: 'too many persons',
    agency: 'it-police',
    code: 'E_LIMIT_EXCEEDED',
    submission: async () =>
      signNotice(notice({ persons: Array.from({ length: 201 }, () => ({ role: v1.PersonRole.SMUGGLED_MIGRANT })) }), police.key),
  },
  {
    what: 'an overlong name',
    agency: 'it-police',
    code: 'E_LIMIT_EXCEEDED',
    submission: async () => signNotice(notice({ persons: [{ role: v1.PersonRole.WITNESS, fullName: 'A'.repeat(5000) }] }), police.key),
  },
  {
    what: 'a submission over 256 KiB',
    agency: 'it-police',
    code: 'E_TOO_LARGE',
    submission: async () => signNotice(notice({ summary: 'x'.repeat(300 * 1024) }), police.key),
  },
  {
    what: 'an addressee that is not registered',
    agency: 'it-police',
    code: 'E_UNKNOWN_ADDRESSEE',
    submission: async () => signNotice(notice({ addressees: ['zz-nobody'] }), police.key),
  },
  {
    what: 'a key revoked as compromised',
    agency: 'it-police',
    code: 'E_KEY_REVOKED',
    submission: async () => signNotice(notice(), compromisedKey),
  },
  {
    what: 'a key past its notAfter',
    agency: 'mt-expired',
    code: 'E_KEY_EXPIRED',
    submission: async () => signNotice(sampleNotice('mt-expired'), expired.key),
  },
];

beforeAll(async () => {
  bus = await startTestBus();
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  coastguard = await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  expired = await registerAgency(bus, { id: 'mt-expired', country: 'MT', role: 'police', notAfter: '2020-01-01T00:00:00Z' });
  // it-police's first key is revoked as compromised; a new one signs from now on.
  compromisedKey = police.key;
  const { signingKeyFile } = await rotateAgencyKeyIn(bus.dir, 'it-police');
  police = { ...police, key: await signingKeyFromJwk(JSON.parse(readFileSync(signingKeyFile ?? '', 'utf8')), 'rotated') };
  await revokeAgencyKeyIn(bus.dir, 'it-police', compromisedKey.kid, 'compromised');
  services = await startTestServices(bus);
});

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

async function deliveryCount(): Promise<number> {
  return (await bus.jsm.streams.info(streams.deliveries)).state.messages;
}

/** Submits raw bytes as `agency`; the submission must end quarantined with `code`, audited, undelivered. */
async function expectQuarantined(agency: string, submission: Uint8Array, code: string): Promise<void> {
  const deliveriesBefore = await deliveryCount();
  // A random Nats-Msg-Id: the broker passes on even what it would take for a retry, so ingest's own checks are what is tested.
  const ack = await bus.js.publish(subjects.ingest(agency), submission, { msgID: `test/${randomBytes(8).toString('hex')}` });
  const decision = await awaitDecision(bus.nc, agency, ack.seq, 15_000);
  expect({ status: decision.status, code: decision.code }).toEqual({ status: v1.DecisionStatus.DECISION_QUARANTINED, code });

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

describe('every hostile or broken submission is quarantined with its reason code, audited, never delivered', () => {
  test(`the table has at least 25 rows (${rows.length})`, () => {
    expect(rows.length).toBeGreaterThanOrEqual(25);
  });

  test.each(rows.map((r) => [r.what, r] as const))('%s', async (_what, row) => {
    await expectQuarantined(row.agency, await row.submission(), row.code);
  });

  test('a noticeId already accepted, submitted again by another agency: E_DUPLICATE', async () => {
    const first = notice({ addressees: ['ly-coastguard'] });
    const { seq } = await publishSubmission(bus.js, 'it-police', first.noticeId ?? '', await signNotice(first, police.key));
    expect((await awaitDecision(bus.nc, 'it-police', seq, 15_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
    await expectQuarantined(
      'ly-coastguard',
      await signNotice(sampleNotice('ly-coastguard', { noticeId: first.noticeId ?? '' }), coastguard.key),
      'E_DUPLICATE',
    );
  });

  test('the same notice submitted again after the dedup window (another Nats-Msg-Id): E_DUPLICATE', async () => {
    const first = notice();
    const submission = await signNotice(first, police.key);
    const { seq } = await publishSubmission(bus.js, 'it-police', first.noticeId ?? '', submission);
    expect((await awaitDecision(bus.nc, 'it-police', seq, 15_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
    await expectQuarantined('it-police', submission, 'E_DUPLICATE');
  });
});

describe('what is not refused', () => {
  test('a retry within the dedup window is the same submission, answered with its first decision', async () => {
    const n = notice();
    const submission = await signNotice(n, police.key);
    const first = await publishSubmission(bus.js, 'it-police', n.noticeId ?? '', submission);
    const retry = await publishSubmission(bus.js, 'it-police', n.noticeId ?? '', submission);
    expect(retry).toEqual({ seq: first.seq, duplicate: true, traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect((await awaitDecision(bus.nc, 'it-police', retry.seq, 15_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
  });

  test('a notice refused for an unknown addressee can be sent again once corrected, with the same noticeId', async () => {
    const n = notice({ addressees: ['zz-nobody'] });
    const refused = await publishSubmission(bus.js, 'it-police', n.noticeId ?? '', await signNotice(n, police.key));
    expect((await awaitDecision(bus.nc, 'it-police', refused.seq, 15_000)).code).toBe('E_UNKNOWN_ADDRESSEE');
    const fixed = { ...n, addressees: ['ly-coastguard'] };
    // Another Nats-Msg-Id than the refused one's: within the dedup window the broker would answer the same id as that submission.
    const ack = await bus.js.publish(subjects.ingest('it-police'), await signNotice(fixed, police.key), {
      msgID: `it-police:${n.noticeId}:fixed`,
    });
    expect((await awaitDecision(bus.nc, 'it-police', ack.seq, 15_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
  });
});

test('ingest set to accept submissions larger than the broker carries does not start: E_CONFIG', async () => {
  const tooLarge = { limits: { ...DEFAULT_INGEST_LIMITS, maxSubmissionBytes: 2 * 1024 * 1024 } };
  await expect(startTestIngest(bus, tooLarge)).rejects.toMatchObject({
    code: 'E_CONFIG',
    message: expect.stringContaining("ingest stream's max_msg_size"),
  });
});
