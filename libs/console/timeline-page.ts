import { visibleText } from './bidi.js';
import { dataTable } from './table.js';
import { receivedNoticeColumns } from './notice-columns.js';
import { casePath, noticePath, sentPath } from './console-paths.js';
import type { PageContext, TimelineModel, TimelineSent } from './console-models.js';
import { labelHtml, timeHtml, valueHtml } from './format.js';
import { html, text, type SafeHtml } from './html.js';
import { t, tHtml } from './i18n/translate.js';
import { page } from './layout.js';
import { replyMarker, statusMarker } from './notice-versions.js';
import { tlpBadge } from './tlp.js';

type TimelineNotice = TimelineModel['notices'][number];

/** Milliseconds since the epoch, or +Infinity for a time that is not one (listed last). */
function when(value: string): number {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** Issued first, then received; the order given breaks ties. */
function chronological(notices: TimelineNotice[]): TimelineNotice[] {
  return notices
    .map((notice, order) => ({ notice, order }))
    .sort((a, b) => {
      const issued = when(a.notice.issuedAt) - when(b.notice.issuedAt);
      if (issued !== 0 && !Number.isNaN(issued)) return issued;
      const received = when(a.notice.receivedAt) - when(b.notice.receivedAt);
      return received !== 0 && !Number.isNaN(received) ? received : a.order - b.order;
    })
    .map(({ notice }) => notice);
}

/**
 * Every notice of a case reference the node holds, in the order they were issued; a reply
 * to one of the agency's own notices comes right after that notice, which is listed
 * there (linked to its page of sent notices for a supervisor).
 */
export function renderTimeline(ctx: PageContext, model: TimelineModel): string {
  const { lang } = ctx;
  const sentLinks = ctx.officer?.role === 'supervisor';
  const sent = new Map((model.sent ?? []).map((s) => [s.noticeId, s]));
  const received = new Set(model.notices.map((n) => n.noticeId));
  const listed = new Set<string>();
  const sentRow = (s: TimelineSent): SafeHtml =>
    html`<tr class="sent">
      <td>${valueHtml(lang, '')}</td>
      <td>
        ${sentLinks ? html`<a href="${sentPath(s.noticeId)}"><code>${text(s.noticeId)}</code></a>` : html`<code>${text(s.noticeId)}</code>`}
        <span class="version-marker">${t(lang, 'timeline.sent')}</span>
      </td>
      <td>${valueHtml(lang, '')}</td>
      <td>${text(ctx.agency)}</td>
      <td>${timeHtml(lang, s.submittedAt)}</td>
      <td>${valueHtml(lang, '')}</td>
    </tr>`;
  const rows = chronological(model.notices).flatMap((n) => {
    // The agency's own notice each reply answers, once, just before its first reply (unless received here too).
    const before = (n.replyTo ?? []).flatMap((id) => {
      const own = sent.get(id);
      if (!own || received.has(id) || listed.has(id)) return [];
      listed.add(id);
      return [sentRow(own)];
    });
    return [
      ...before,
      html`<tr>
        <td>${tlpBadge(n.tlp)}</td>
        <td>
          <a href="${noticePath(n.noticeId)}"><code>${text(n.noticeId)}</code></a
          >${statusMarker(lang, n.superseded ? { state: 'superseded', shared: true } : undefined)}${replyMarker(lang, n.replyTo)}
        </td>
        <td>${labelHtml(lang, 'noticeType', n.type)}</td>
        <td>${text(n.issuer)}</td>
        <td>${timeHtml(lang, n.issuedAt)}</td>
        <td>${timeHtml(lang, n.receivedAt)}</td>
      </tr>`,
    ];
  });
  const table =
    rows.length === 0
      ? html`<p>${t(lang, 'timeline.empty')}</p>`
      : dataTable(t(lang, 'timeline.caption'), receivedNoticeColumns(lang), rows);
  return page(ctx, {
    title: t(lang, 'timeline.title', { caseRef: visibleText(model.caseRef) }),
    path: casePath(model.caseRef),
    bodyClass: 'page-timeline',
    current: 'inbox',
    main: html`<h1>${tHtml(lang, 'timeline.title', { caseRef: model.caseRef })}</h1>
      ${table}`,
  });
}
