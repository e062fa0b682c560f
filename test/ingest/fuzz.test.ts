import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { subjects } from '../../libs/bus/index.js';
import { digestSet, hasDigest } from '../../libs/disclosure/index.js';
import { publishSubmission, signNotice } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { inspectDetached, NOTICE_TYP, verifyDetached, verificationKeyFromJwk } from '../../libs/signing/index.js';
import { awaitDecision, deliveredViews } from '../harness/bus-readers.js';
import { allDecisions, waitForDecisions } from '../harness/pipeline-counts.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { envelope } from '../harness/submissions.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, type TestServices } from '../harness/test-services.js';

const TOTAL = Number(process.env.ACCORD_FUZZ_SUBMISSIONS ?? 20_000);
let bus: TestBus;
let services: TestServices;
let police: TestAgency;

beforeAll(async () => {
  bus = await startTestBus();
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  services = await startTestServices(bus);
});

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)] as T;

function flipBits(bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (let i = 0, n = 1 + randomInt(3); i < n; i++) {
    const at = randomInt(out.length);
    out[at] = (out[at] ?? 0) ^ (1 << randomInt(8));
  }
  return out;
}

/** Mutations of valid signed submissions, and plain noise. */
function mutate(valid: Uint8Array[], validNotices: v1.SignedNotice[]): Uint8Array {
  const base = pick(valid);
  switch (randomInt(7)) {
    case 0:
      return flipBits(base);
    case 1:
      return base.subarray(0, randomInt(base.length));
    case 2: {
      // The manifest and disclosures of one submission under the signature of another.
      const a = pick(validNotices);
      const b = pick(validNotices);
      return envelope(a.manifest, b.jws, a.disclosures);
    }
    case 3: {
      // A bit flipped inside one disclosure, signature unchanged.
      const s = pick(validNotices);
      const i = randomInt(s.disclosures.length);
      return envelope(
        s.manifest,
        s.jws,
        s.disclosures.map((d, k) => (k === i ? flipBits(d) : d)),
      );
    }
    case 4: {
      // An overlong UTF-8 encoding of "A" spliced into one disclosure.
      const s = pick(validNotices);
      const d = pick(s.disclosures);
      const at = randomInt(d.length);
      return envelope(s.manifest, s.jws, [...s.disclosures, Buffer.concat([d.subarray(0, at), Buffer.from([0xc1, 0x81]), d.subarray(at)])]);
    }
    case 5:
      return randomBytes(randomInt(2000));
    default: {
      const s = pick(validNotices);
      return pick([
        envelope(flipBits(s.manifest), s.jws, s.disclosures),
        envelope(s.manifest, `${s.jws}${pick(['=', 'A', '.'])}`, s.disclosures),
      ]);
    }
  }
}

test(`ingest stays up through ${TOTAL} random and mutated submissions, accounts for each, and delivers a valid notice afterwards`, async () => {
  const validNotices: v1.SignedNotice[] = [];
  const valid: Uint8Array[] = [];
  for (let i = 0; i < 50; i++) {
    const signed = await signNotice(sampleNotice('it-police'), police.key);
    valid.push(signed);
    validNotices.push(v1.SignedNotice.decode(signed));
  }
  const sent = new Map<number, Uint8Array>();
  for (let i = 0; i < TOTAL; i += 500) {
    const batch = Array.from({ length: Math.min(500, TOTAL - i) }, (_, j) => {
      const submission = i + j < valid.length ? (valid[i + j] as Uint8Array) : mutate(valid, validNotices);
      // One Nats-Msg-Id per submission: mutants share notice ids, and each must reach ingest.
      return bus.js
        .publish(subjects.ingest('it-police'), submission, { msgID: `fuzz/${i + j}` })
        .then((ack) => sent.set(ack.seq, submission));
    });
    await Promise.all(batch);
  }
  expect(sent.size).toBe(TOTAL);
  await waitForDecisions(bus, TOTAL, 240_000);

  const decisions = await allDecisions(bus);
  const key = await verificationKeyFromJwk(police.publicJwk);
  let accepted = 0;
  let quarantined = 0;
  for (const [seq, submission] of sent) {
    const decision = decisions.get(seq);
    expect(decision, `submission ${seq} has no decision`).toBeDefined();
    if (decision?.status === v1.DecisionStatus.DECISION_ACCEPTED) {
      // Accepted only if it is still a genuinely signed notice.
      const envelopeOf = v1.SignedNotice.decode(submission);
      await verifyDetached(inspectDetached(envelopeOf.jws, NOTICE_TYP), envelopeOf.manifest, key);
      const digests = digestSet(v1.NoticeManifest.decode(envelopeOf.manifest).digests);
      expect(envelopeOf.disclosures.every((d) => hasDigest(digests, d))).toBe(true);
      accepted += 1;
    } else {
      expect(decision?.status).toBe(v1.DecisionStatus.DECISION_QUARANTINED);
      expect(decision?.code).toMatch(/^E_[A-Z_]+$/);
      quarantined += 1;
    }
  }
  expect(accepted + quarantined).toBe(TOTAL);
  expect(accepted).toBeGreaterThanOrEqual(valid.length);
  console.info(`fuzz: ${TOTAL} submissions, ${accepted} accepted (all genuinely signed), ${quarantined} quarantined`);

  const after = sampleNotice('it-police', { addressees: ['ly-coastguard'] });
  const { seq } = await publishSubmission(bus.js, 'it-police', after.noticeId ?? '', await signNotice(after, police.key));
  expect((await awaitDecision(bus.nc, 'it-police', seq, 15_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
  expect((await deliveredViews(bus, 'ly-coastguard')).some((v) => v.view.core?.noticeId === after.noticeId)).toBe(true);
}, 300_000);
