import { dataTable, html, text, type SafeHtml } from '../console/index.js';
import type { AuditPageContext, ProofState, TrailModel } from './audit-console-models.js';
import { auditPage } from './audit-layout.js';
import { proofsPath, recordsPath } from './audit-paths.js';
import type { AuditMessageKey } from './i18n/en.js';
import { at, atHtml } from './i18n/audit-translate.js';
import { recordCells, recordHeads } from './record-cells.js';

const PROOF: Record<ProofState, { key: AuditMessageKey; className: string }> = {
  verified: { key: 'trail.proofVerified', className: 'verified' },
  unsealed: { key: 'trail.proofUnsealed', className: 'not-given' },
  failed: { key: 'trail.proofFailed', className: 'not-verified' },
};

function proofCell(ctx: AuditPageContext, state: ProofState): SafeHtml {
  const { key, className } = PROOF[state];
  return html`<td><span class="${className}">${at(ctx.lang, key)}</span></td>`;
}

/** `/notices/{id}`: the notice's audit records in chain order, with their inclusion proofs and the proofs to download. */
export function renderTrail(ctx: AuditPageContext, model: TrailModel): string {
  const { lang } = ctx;
  const sealing = model.checkpoint
    ? at(lang, 'trail.sealedBy', { index: model.checkpoint.index, treeSize: model.checkpoint.treeSize })
    : at(lang, 'trail.noCheckpoint');
  const body =
    model.rows.length === 0
      ? html`<p role="status">${at(lang, 'trail.empty')}</p>`
      : html`<p>${sealing}</p>
          ${dataTable(
            at(lang, 'trail.caption'),
            [...recordHeads(lang), at(lang, 'column.proof')],
            model.rows.map(
              (r) =>
                html`<tr>
                  ${recordCells(lang, r)} ${proofCell(ctx, r.proof)}
                </tr>`,
            ),
            { className: 'records' },
          )}
          <p class="actions">
            <a href="${proofsPath(model.noticeId)}" download>${at(lang, 'trail.download')}</a>
            <a href="${recordsPath({ notice: model.noticeId })}">${at(lang, 'trail.toRecords')}</a>
          </p>
          <p class="hint">${atHtml(lang, 'trail.downloadHint', { command: html`<code>accord audit proof</code>` })}</p>`;
  const main = html`<h1>${at(lang, 'trail.title')}</h1>
    <p>${atHtml(lang, 'trail.intro', { noticeId: html`<code>${text(model.noticeId)}</code>` })}</p>
    ${body}`;
  return auditPage(ctx, { title: at(lang, 'trail.title'), bodyClass: 'page-trail', main });
}
