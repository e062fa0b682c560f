import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signNotice } from '../libs/client/index.js';
import { parseNoticeJson } from '../libs/notice/index.js';
import type { SigningKey } from '../libs/signing/index.js';
import { packageRoot } from '../libs/stack/index.js';

export interface SignedBenchNotice {
  noticeId: string;
  bytes: Uint8Array;
}

/**
 * The README's example notice (three persons, a vessel, a money trace, a location), signed
 * by `key` as an adapter signs it, `count` times with fresh ids: about 2 KiB each on the wire.
 */
export async function signedBenchNotices(count: number, key: SigningKey, issuedAt = new Date()): Promise<SignedBenchNotice[]> {
  const template = readFileSync(join(packageRoot(), 'examples', 'notice.template.json'), 'utf8').replaceAll(
    'ISSUED_AT',
    issuedAt.toISOString(),
  );
  const out: SignedBenchNotice[] = [];
  for (let i = 0; i < count; i += 1) {
    const noticeId = randomUUID();
    out.push({ noticeId, bytes: await signNotice(parseNoticeJson(template.replaceAll('NOTICE_ID', noticeId)), key) });
  }
  return out;
}
