import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '../../libs/log/index.js';
import {
  AccessLog,
  EventHub,
  LoginGuard,
  newViewKey,
  NodeViewStore,
  OfficerStore,
  openNodeDatabase,
  SessionStore,
  SubmissionStore,
  TokenStore,
  ViewCipher,
  type LoginGuardSettings,
  type NodeDatabase,
} from '../../libs/node/index.js';
import { generateSigningKeyPair, signingKeyFromJwk } from '../../libs/signing/index.js';
import { buildNodeApp, type NodeAppDeps } from '../../services/node/node-app.js';
import type { NodeBus } from '../../services/node/node-bus.js';
import { NodeMetrics } from '../../services/node/node-metrics.js';

export const AGENCY = 'es-police';

/** A bus the app must never reach: the tests using it send only what the node refuses. */
const unreachableBus = new Proxy({} as NodeBus, {
  get(_target, property) {
    throw new Error(`a refused request reached the bus (${String(property)})`);
  },
});

export interface AppFixture {
  app: FastifyInstance;
  deps: NodeAppDeps;
  db: NodeDatabase;
  dbFile: string;
  close(): Promise<void>;
}

/** The node's HTTP API over a database of its own in a temporary folder, with no bus behind it. */
export async function appWithoutBus(
  options: { bus?: NodeBus; login?: Partial<LoginGuardSettings>; keepaliveMs?: number } = {},
): Promise<AppFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-node-app-'));
  const dbFile = join(dir, 'node.db');
  const db = openNodeDatabase(dbFile);
  const cipher = new ViewCipher(newViewKey());
  const officers = new OfficerStore(db, cipher, AGENCY);
  const { privateJwk } = await generateSigningKeyPair();
  const deps: NodeAppDeps = {
    agency: AGENCY,
    signingKey: await signingKeyFromJwk(privateJwk, AGENCY),
    views: new NodeViewStore(db, cipher),
    submissions: new SubmissionStore(db, cipher),
    access: new AccessLog(db),
    officers,
    sessions: new SessionStore(db, randomBytes(32), officers),
    tokens: new TokenStore(db),
    loginGuard: new LoginGuard(db, officers, cipher, options.login),
    bus: options.bus ?? unreachableBus,
    events: new EventHub(),
    metrics: new NodeMetrics(AGENCY),
    log: createLogger('node-test'),
    ready: () => true,
    secureCookies: false,
    decisionWaitMs: 1000,
    ...(options.keepaliveMs !== undefined ? { keepaliveMs: options.keepaliveMs } : {}),
    version: 'test',
  };
  const app = await buildNodeApp(deps);
  return {
    app,
    deps,
    db,
    dbFile,
    async close() {
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table, in a stable order: what "the database unchanged" compares. */
export function dumpDatabase(db: NodeDatabase): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return JSON.stringify(
    tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
    (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('base64') : value),
  );
}
