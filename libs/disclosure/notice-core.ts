import { type v1, type CaseNoticeProps } from '../proto/index.js';

/** The `core` category of a notice: what every delivery includes. */
export function coreOf(notice: CaseNoticeProps): v1.NoticeCore.$Properties {
  const core: v1.NoticeCore.$Properties = {
    noticeId: notice.noticeId ?? '',
    issuingAgency: notice.issuingAgency ?? '',
    caseRef: notice.caseRef ?? '',
    type: notice.type ?? 0,
    tlp: notice.tlp ?? 0,
    caveats: notice.caveats ?? [],
    mode: notice.mode ?? 0,
    addressees: notice.addressees ?? [],
    migrantCount: notice.migrantCount ?? 0,
    deathsReported: notice.deathsReported ?? 0,
    handling: notice.handling ?? [],
  };
  if (notice.issuedAt) core.issuedAt = notice.issuedAt;
  if (notice.route) core.route = notice.route;
  return core;
}
