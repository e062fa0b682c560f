import { AccordError } from '../errors/index.js';
import { openSignedCheckpoint } from './checkpoints.js';
import type { TrustedCheckpoint } from './verify-chain.js';

/**
 * A checkpoint an auditor or agency holds, as JSON with its signed bytes in
 * "signedCheckpoint" (base64): what `audit replay --kind CHECKPOINT --json` prints and
 * what `inbox` keeps of the checkpoints delivered to an agency.
 */
export function parseTrustedCheckpoint(text: string, file: string): TrustedCheckpoint {
  let json: unknown;
  try {
    json = JSON.parse(text.trim().split('\n')[0] ?? '');
  } catch {
    throw new AccordError('E_USAGE', `${file} is not a checkpoint (JSON with "signedCheckpoint")`);
  }
  const b64 = (json as { signedCheckpoint?: unknown } | null)?.signedCheckpoint;
  if (typeof b64 !== 'string') throw new AccordError('E_USAGE', `${file} has no "signedCheckpoint"`);
  return openSignedCheckpoint(Buffer.from(b64, 'base64'));
}
