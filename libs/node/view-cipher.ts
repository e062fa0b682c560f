import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AccordError } from '../errors/index.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const VIEW_KEY_BYTES = 32;

/**
 * AES-256-GCM under the node's view key. A sealed value is nonce | tag | ciphertext; the
 * associated data (the row's delivery sequence, say) binds it to its row, so a ciphertext
 * moved to another row does not open.
 */
export class ViewCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== VIEW_KEY_BYTES) throw new AccordError('E_CONFIG', `the view key must be ${VIEW_KEY_BYTES} bytes, not ${key.length}`);
  }

  seal(plaintext: Uint8Array, associated: string): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(associated, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]);
  }

  open(sealed: Uint8Array, associated: string): Buffer {
    const data = Buffer.from(sealed);
    if (data.length < NONCE_BYTES + TAG_BYTES) throw new AccordError('E_STATE', `a sealed value of ${associated} is truncated`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(associated, 'utf8'));
    decipher.setAuthTag(data.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(data.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
    } catch (error) {
      throw new AccordError('E_STATE', `a sealed value of ${associated} does not open under this node's view key`, { cause: error });
    }
  }
}

export function newViewKey(): Buffer {
  return randomBytes(VIEW_KEY_BYTES);
}
