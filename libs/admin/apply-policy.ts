import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { auditEventId } from '../audit/index.js';
import { openPolicyBucket, publishServiceEvents, storePolicy, subjects, type StoredPolicy } from '../bus/index.js';
import { compilePolicyText, readPolicyFile } from '../policy/index.js';
import { timestampFromDate, v1 } from '../proto/index.js';
import { waitFor } from '../polling/index.js';
import type { AdminSession } from './admin-session.js';

/** Stores a valid policy text as the next version and records it in the audit stream. */
export async function storeAuditedPolicy(nc: NatsConnection, js: JetStreamClient, text: string, file: string): Promise<StoredPolicy> {
  const checked = compilePolicyText(text, file, 'next');
  const stored = await storePolicy(await openPolicyBucket(nc), checked.name, text, checked.digest);
  const version = `${stored.name}@${stored.version}`;
  await publishServiceEvents(js, 'admin', [
    {
      eventId: auditEventId.policy(version),
      kind: v1.AuditKind.POLICY,
      time: timestampFromDate(new Date()),
      service: 'admin',
      policyVersion: version,
      digest: Buffer.from(stored.digest, 'hex'),
      action: 'policy-applied',
    },
  ]);
  return stored;
}

/**
 * `accord policy apply`: checks the file (a bad one changes nothing), makes it the next
 * version, and waits until routing reports it is routing under it; no restart.
 */
export async function applyPolicy(session: AdminSession, file: string): Promise<{ stored: StoredPolicy; inForce: boolean }> {
  const text = await readPolicyFile(file);
  compilePolicyText(text, file, 'check');
  const { nc, js } = session;
  const stored = await storeAuditedPolicy(nc, js, text, file);
  const version = `${stored.name}@${stored.version}`;
  const inForce = await waitFor(`routing to take policy ${version}`, 10_000, async () => {
    const reply = await nc.request(subjects.health('routing'), '', { timeout: 1000 });
    return (reply.json() as { policyVersion?: string }).policyVersion === version ? true : undefined;
  }).catch(() => false);
  return { stored, inForce };
}
