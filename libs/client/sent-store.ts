import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccordError } from '../errors/index.js';
import { isNoticeId } from '../notice/index.js';

/**
 * The notices an agency signed from this folder, each kept as the exact SignedNotice bytes
 * it published (`<noticeId>.signed`), written before they are published. The bus keeps no
 * notice: a release (a request to widen, granted) carries the issuer's own copy, whose
 * disclosures the supplementary view is made of.
 */
export class SentStore {
  constructor(readonly dir: string) {}

  /** Where the notice's signed copy is (or would be) kept; undefined for what is not a noticeId, which names no file. */
  path(noticeId: string): string | undefined {
    return isNoticeId(noticeId) ? join(this.dir, `${noticeId.toLowerCase()}.signed`) : undefined;
  }

  /** Keeps the signed bytes, replacing an earlier copy; whole or not at all (a temporary file renamed). */
  keep(noticeId: string, signed: Uint8Array): void {
    const path = this.path(noticeId);
    if (!path) throw new AccordError('E_USAGE', `"${noticeId}" is not a noticeId (a UUID)`);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileSync(`${path}.tmp`, signed, { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  }

  /** The kept bytes, or undefined when this folder signed no such notice. */
  get(noticeId: string): Uint8Array | undefined {
    const path = this.path(noticeId);
    return path && existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined;
  }
}
