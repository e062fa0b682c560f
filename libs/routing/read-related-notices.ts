import type { NoticeRegister } from '../bus/index.js';
import type { CaseNotice, v1 } from '../proto/index.js';
import { supersededNoticeId } from './plan-relations.js';

/** More versions than any case has: should the register ever hold a cycle, it cannot hold routing. */
const MAX_VERSIONS = 1000;

export interface RelatedNotices {
  /** The register's record of each notice a relation names, when it has one. */
  known: Map<string, v1.NoticeRecord>;
  /** For an UPDATE or WITHDRAWAL: every version of the notice it names, oldest first; else empty. */
  thread: v1.NoticeRecord[];
}

/** What the register knows of the notices a notice relates to, read before routing it. */
export async function readRelatedNotices(register: NoticeRegister, notice: CaseNotice): Promise<RelatedNotices> {
  const known = new Map<string, v1.NoticeRecord>();
  for (const id of notice.relations.map((r) => r.noticeId ?? '')) {
    const record = await register.read(id);
    if (record) known.set(id, record);
  }
  const thread: v1.NoticeRecord[] = [];
  let version = known.get(supersededNoticeId(notice) ?? '');
  const seen = new Set<string>();
  while (version && !seen.has(version.noticeId) && seen.size < MAX_VERSIONS) {
    seen.add(version.noticeId);
    thread.unshift(version);
    version = version.supersedes ? await register.read(version.supersedes) : undefined;
  }
  return { known, thread };
}
