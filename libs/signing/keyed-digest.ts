import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 under a bus secret, with a label separating uses. Views and audit records
 * carry only keyed digests: a bare hash would let a holder confirm a guessed value.
 */
export function keyedDigest(secret: Uint8Array, label: string, ...parts: (Uint8Array | string)[]): Buffer {
  const mac = createHmac('sha256', secret);
  mac.update(label);
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    mac.update(length);
    mac.update(bytes);
  }
  return mac.digest();
}
