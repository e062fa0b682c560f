import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccordError } from '../errors/index.js';

export interface StackAgencyEntry {
  /** The agency's demo signing key (private JWK), when the stack generated it. */
  signingKey?: string;
  /** NATS credentials (.creds files; an nkey seed in a stack made before JWT accounts) of its adapter and liaison officers. */
  adapterCreds?: string;
  liaisonCreds?: string;
  /** The agency node's own NATS credential, once `agency node-access` issued one. */
  nodeCreds?: string;
}

/** DIR/stack.json: everything a client needs to use a stack. Paths are absolute files in DIR. */
export interface StackFile {
  natsUrl: string;
  caFile?: string;
  busPublicKey: string;
  auditPublicKey: string;
  auditorCreds?: string;
  /** The administrator's credential: creates streams, registers agencies. No service has it. */
  operatorCreds?: string;
  /** The offline admin's credential, the only one that may rewrite the audit streams. */
  adminCreds?: string;
  agencies: Record<string, StackAgencyEntry>;
}

export function stackFilePath(dir: string): string {
  return join(dir, 'stack.json');
}

export function readStackFile(dir: string): StackFile {
  const path = stackFilePath(dir);
  if (!existsSync(path)) {
    throw new AccordError('E_NOT_FOUND', `${path} does not exist: start a stack there with \`accord stack up --dir ${dir}\``);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AccordError('E_STATE', `${path} is not valid JSON`, { cause: error });
  }
  const s = parsed as Partial<StackFile>;
  if (typeof s.natsUrl !== 'string' || typeof s.busPublicKey !== 'string' || typeof s.agencies !== 'object' || s.agencies === null) {
    throw new AccordError('E_STATE', `${path} lacks natsUrl, busPublicKey or agencies`);
  }
  return parsed as StackFile;
}

/** Written whole to a temporary file, then renamed: a reader never sees half a file. */
export function writeStackFile(dir: string, stack: StackFile): void {
  const path = stackFilePath(dir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(stack, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
