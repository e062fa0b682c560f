import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { subjects } from '../../libs/bus/index.js';

export interface HealthReport {
  service: string;
  ready: boolean;
  detail?: string;
  /** routing: the policy version it decides under. */
  policyVersion?: string;
  /** Which process answers, so whoever started it can tell its instances apart. */
  pid?: number;
  /** The port /healthz, /readyz and /metrics were bound to (the service binds port 0 when told to, and reports it here). */
  httpPort?: number;
}

/** Answers accord.svc.health.<service> so `stack up` and operators can ask whether it is ready. */
export function serveHealth(nc: NatsConnection, service: string, report: () => HealthReport): Subscription {
  return nc.subscribe(subjects.health(service), {
    callback: (error, msg) => {
      if (error) return;
      msg.respond(JSON.stringify(report()));
    },
  });
}
