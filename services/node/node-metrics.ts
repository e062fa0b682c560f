import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/** The node's metrics: counts of sign-ins, token use, views and requests; never who or what. */
export class NodeMetrics {
  readonly registry = new Registry();
  readonly logins: Counter<'outcome'>;
  readonly loginsThrottled: Counter;
  readonly tokenUses: Counter<'outcome'>;
  readonly viewsStored: Counter;
  readonly viewsRejected: Counter;
  readonly tombstonesStored: Counter<'kind'>;
  readonly requests: Counter<'route' | 'status'>;

  constructor(agency: string) {
    this.registry.setDefaultLabels({ service: 'node', agency });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.logins = new Counter({
      name: 'accord_node_logins_total',
      help: 'Officer sign-ins, by outcome',
      labelNames: ['outcome'],
      registers,
    });
    this.loginsThrottled = new Counter({
      name: 'accord_node_logins_throttled_total',
      help: 'Failed sign-ins answered late because their client had failed too often',
      registers,
    });
    this.tokenUses = new Counter({
      name: 'accord_node_token_uses_total',
      help: 'Requests with a Bearer token, by outcome (accepted, refused)',
      labelNames: ['outcome'],
      registers,
    });
    this.viewsStored = new Counter({ name: 'accord_node_views_stored_total', help: 'Verified views committed to the database', registers });
    this.viewsRejected = new Counter({
      name: 'accord_node_views_rejected_total',
      help: 'Deliveries that failed verification, set aside',
      registers,
    });
    this.tombstonesStored = new Counter({
      name: 'accord_node_tombstones_stored_total',
      help: 'Tombstones committed to the database, by kind (WITHDRAWAL, UPDATE)',
      labelNames: ['kind'],
      registers,
    });
    this.requests = new Counter({
      name: 'accord_node_http_requests_total',
      help: 'HTTP requests, by route pattern and status',
      labelNames: ['route', 'status'],
      registers,
    });
  }
}
