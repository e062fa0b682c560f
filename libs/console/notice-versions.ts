import { noticePath } from './console-paths.js';
import type { Lang, NoticeModel, NoticeStatus } from './console-models.js';
import { timeHtml } from './format.js';
import { html, text, type SafeHtml } from './html.js';
import { t, tHtml } from './i18n/translate.js';

/**
 * How a notice stands to others, in markup: which version of an updated notice this is
 * (with the others linked), that a newer one exists or was not shared, and which notices
 * it replies to. Links only where the page has them (not in print).
 */

const idHtml = (noticeId: string, href: string | undefined): SafeHtml =>
  href ? html`<a href="${href}"><code>${text(noticeId)}</code></a>` : html`<code>${text(noticeId)}</code>`;

/** The versions section of a notice page: nothing for a notice never updated. */
export function versionsHtml(lang: Lang, model: NoticeModel, links: boolean): SafeHtml {
  const history = model.history;
  if (!history) return html``;
  const { versions, supersededBy } = history;
  const index = versions.findIndex((v) => v.noticeId === model.noticeId);
  const latest = versions.at(-1);
  const notShared = supersededBy && !supersededBy.shared ? html`<p>${t(lang, 'versions.notShared')}</p>` : '';
  const newer =
    latest && latest.noticeId !== model.noticeId
      ? html`<p>
          ${t(lang, 'versions.newer')}
          ${links ? html`<a href="${noticePath(latest.noticeId)}">${t(lang, 'versions.latest')}</a>` : html`<code>${text(latest.noticeId)}</code>`}
        </p>`
      : '';
  const items = versions.map((v, i) => {
    const current = v.noticeId === model.noticeId;
    const item = tHtml(lang, 'versions.item', {
      version: i + 1,
      noticeId: idHtml(v.noticeId, links && !current ? noticePath(v.noticeId) : undefined),
      time: timeHtml(lang, v.receivedAt),
    });
    return current ? html`<li aria-current="page">${item} ${t(lang, 'versions.current')}</li>` : html`<li>${item}</li>`;
  });
  const heading =
    versions.length > 1 && index >= 0
      ? t(lang, 'versions.heading', { version: index + 1, count: versions.length })
      : t(lang, 'versions.notSharedHeading');
  return html`<section aria-labelledby="versions-heading" class="versions">
    <h2 id="versions-heading">${heading}</h2>
    ${newer} ${notShared}
    ${
      versions.length > 1
        ? html`<p>${t(lang, 'versions.list')}</p>
            <ol class="version-list">
              ${items}
            </ol>`
        : ''
    }
  </section>`;
}

/** The notices this one replies to, each linked where the node has a page of it. */
export function repliesHtml(lang: Lang, model: NoticeModel, links: boolean): SafeHtml {
  const replyTo = model.replyTo ?? [];
  if (replyTo.length === 0) return html``;
  return html`<section aria-labelledby="relations-heading" class="relations">
    <h2 id="relations-heading">${t(lang, 'notice.relations')}</h2>
    <ul>
      ${replyTo.map((r) => html`<li>${tHtml(lang, 'notice.replyTo', { noticeId: idHtml(r.noticeId, links ? r.href : undefined) })}</li>`)}
    </ul>
  </section>`;
}

/** A row's mark (inbox, timeline): withdrawn, superseded, or the newest of several versions; nothing otherwise. */
export function statusMarker(lang: Lang, status: NoticeStatus | undefined): SafeHtml {
  if (!status) return html``;
  if (status.state === 'withdrawn') return html` <span class="version-marker version-withdrawn">${t(lang, 'version.withdrawn')}</span>`;
  const words =
    status.state === 'updated'
      ? t(lang, 'version.updated', { version: status.version, count: status.of })
      : t(lang, status.shared ? 'version.superseded' : 'version.supersededNotShared');
  return html` <span class="version-marker">${words}</span>`;
}

/** "Reply to <id>" on a row, for each notice it answers. */
export function replyMarker(lang: Lang, replyTo: readonly string[] | undefined): SafeHtml {
  return html`${(replyTo ?? []).map((id) => html` <span class="version-marker">${tHtml(lang, 'relation.replyTo', { noticeId: id })}</span>`)}`;
}
