import { DEFAULT_FRESHNESS, DEFAULT_INGEST_LIMITS, verifySubmission } from '../libs/ingest/index.js';
import { timestampFromDate } from '../libs/proto/index.js';
import { MutableRegistry } from '../libs/registry/index.js';
import { generateSigningKeyPair, signingKeyFromJwk, VerificationKeyCache } from '../libs/signing/index.js';
import { signedBenchNotices } from './bench-notices.js';
import { perSecond } from './measure.js';

/**
 * Ingest's checks on one thread, as the service runs them on each submission: envelope,
 * JWS header, key validity, Ed25519 signature, manifest and disclosures, schema, issuer,
 * signer, freshness. Replay and rate checks (Redis) are not included.
 */
export async function ingestVerificationsPerSecond(ms: number): Promise<number> {
  const { privateJwk, publicJwk } = await generateSigningKeyPair();
  const key = await signingKeyFromJwk(privateJwk, 'bench');
  const registry = new MutableRegistry();
  registry.putAgency({
    id: 'it-police',
    country: 'IT',
    role: 'police',
    groups: ['med'],
    kids: [key.kid],
    registeredAt: new Date().toISOString(),
  });
  registry.putAgency({
    id: 'ly-coastguard',
    country: 'LY',
    role: 'coastguard',
    groups: ['med'],
    kids: [],
    registeredAt: new Date().toISOString(),
  });
  registry.putKey({ kid: key.kid, agency: 'it-police', jwk: publicJwk, status: 'active', addedAt: new Date(0).toISOString() });
  const notices = await signedBenchNotices(500, key);
  const ctx = { registry, keys: new VerificationKeyCache(), limits: DEFAULT_INGEST_LIMITS, freshness: DEFAULT_FRESHNESS };
  const receivedAt = timestampFromDate(new Date());
  let i = 0;
  return perSecond(ms, async () => {
    const outcome = await verifySubmission((notices[i++ % notices.length] as { bytes: Uint8Array }).bytes, 'it-police', receivedAt, ctx);
    if (!outcome.ok) throw new Error(`the bench notice was refused: ${outcome.code} ${outcome.message}`);
    return 1;
  });
}
