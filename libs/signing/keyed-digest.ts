import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 under a bus secret, with a label separating uses. Views and audit records
 * carry only keyed digests: a bare hash would let a holder confirm a guessed value.
 */
export function keyedDigest(secret: Uint8Array, label: string, ...parts: (Uint8Array | string)[]): Buffer {
  // One buffer, one update: each part preceded by its length, so parts cannot run together.
  const bytes = parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part));
  const framed = Buffer.allocUnsafe(bytes.reduce((sum, b) => sum + 4 + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    at = framed.writeUInt32BE(b.length, at);
    framed.set(b, at);
    at += b.length;
  }
  return createHmac('sha256', secret).update(label).update(framed).digest();
}
