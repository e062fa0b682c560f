import type { NatsConnection } from '@nats-io/transport-node';
import { VerifyJob } from '../../libs/audit-console/index.js';
import { connectAs, readStackFile } from '../../libs/client/index.js';
import { readJsonFile } from '../../libs/config/index.js';
import { AccordError } from '../../libs/errors/index.js';
import { createLogger, type Logger } from '../../libs/log/index.js';
import { isLoopback, type ListenAddress } from '../../libs/node/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../../libs/signing/index.js';
import { once } from '../shared/once.js';
import { buildAuditConsoleApp } from './audit-console-app.js';
import { busChainSource } from './bus-chain-source.js';
import { hostsFor } from './host-guard.js';

export interface AuditConsoleOptions {
  /** The stack's folder: its stack.json names the bus, the CA, the audit key and the auditor's credentials. */
  dir: string;
  listen: ListenAddress;
  /** The auditor's NATS credentials (default: those the stack issued). */
  creds?: string;
  log?: Logger;
}

export interface RunningAuditConsole {
  /** Where it listens, with the port it bound: `http://127.0.0.1:8480/`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs the auditor console: one connection to the bus with the auditor's credential (read
 * access to the audit stream, nothing else), the audit key from stack.json, and the
 * HTTP server on a loopback address (no TLS and no sign-in yet, so nowhere else).
 */
export async function startAuditConsole(options: AuditConsoleOptions): Promise<RunningAuditConsole> {
  if (!isLoopback(options.listen.host)) {
    throw new AccordError('E_USAGE', `refusing ${options.listen.host}: the auditor console listens on a loopback address only`, {
      path: 'listen',
    });
  }
  const log = options.log ?? createLogger('audit-console');
  const stack = readStackFile(options.dir);
  const auditPublicKey = await parsePublicJwk(await readJsonFile(stack.auditPublicKey, 'the audit public key'), 'the audit public key');
  const auditKey = await verificationKeyFromJwk(auditPublicKey);
  const nc: NatsConnection = await connectAs(stack, { kind: 'auditor' }, options.creds, { reconnect: true });
  const source = busChainSource(nc);
  const allowedHosts = new Set<string>();
  const verify = new VerifyJob(source, auditKey);
  try {
    const app = await buildAuditConsoleApp({ source, auditKey, auditPublicKey, verify, allowedHosts, log });
    await app.listen({ host: options.listen.host, port: options.listen.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.listen.port;
    for (const host of hostsFor(options.listen.host, port)) allowedHosts.add(host);
    const host = options.listen.host.includes(':') ? `[${options.listen.host}]` : options.listen.host;
    log.info('auditor console listening', { port });
    return {
      url: `http://${host}:${port}/`,
      stop: once(async () => {
        await app.close();
        // A verification under way ends with the connection (as failed), not after the whole chain.
        await nc.close();
        await verify.settled();
      }),
    };
  } catch (error) {
    await nc.close();
    throw error;
  }
}
