import type { NatsConnection } from '@nats-io/transport-node';
import { expect } from 'vitest';

export function isPermissionViolation(error: unknown): boolean {
  const cause = (error as { cause?: unknown })?.cause;
  const text = `${String(error)} ${cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : ''}`;
  return /Permissions Violation/i.test(text);
}

/** The broker refuses a publish (or a JetStream API call, which is a publish). */
export async function expectPublishRefused(nc: NatsConnection, subject: string, payload = '{}'): Promise<void> {
  const refusal = await nc.request(subject, payload, { timeout: 3000 }).then(
    () => 'answered',
    (error: unknown) => error,
  );
  expect(isPermissionViolation(refusal), `publish to ${subject} should be refused, got ${String(refusal)}`).toBe(true);
}

/** The broker lets a request through (answered, or no one there to answer it), with no permission violation. */
export async function expectPublishAllowed(nc: NatsConnection, subject: string, payload = '{}'): Promise<void> {
  const outcome = await nc.request(subject, payload, { timeout: 3000 }).then(
    () => 'answered',
    (error: unknown) => error,
  );
  expect(isPermissionViolation(outcome), `publish to ${subject} should be allowed, got ${String(outcome)}`).toBe(false);
}

/** The broker refuses a subscription: it is closed with a permission violation. */
export async function expectSubscribeRefused(nc: NatsConnection, subject: string): Promise<void> {
  const sub = nc.subscribe(subject);
  const closed = await Promise.race([sub.closed, new Promise((r) => setTimeout(() => r('still open'), 3000))]);
  expect(isPermissionViolation(closed), `subscription to ${subject} should be refused, got ${String(closed)}`).toBe(true);
}

/** The connection is refused; returns why. */
export async function expectConnectRefused(connecting: Promise<NatsConnection>): Promise<string> {
  const outcome = await connecting.then(
    async (nc) => {
      await nc.close();
      return 'connected';
    },
    (error: unknown) => String(error),
  );
  expect(outcome).not.toBe('connected');
  return outcome;
}
