import type { FastifyInstance, FastifyReply } from 'fastify';
import { bundleHeader, bundleLines } from '../../libs/audit/index.js';
import { isNoticeIdText, renderAuditError, TrailCollector } from '../../libs/audit-console/index.js';
import type { v1 } from '../../libs/proto/index.js';
import type { AuditConsoleDeps } from './audit-console-deps.js';
import { HTML, pageContext } from './page-context.js';

const JSON_LINES = 'application/x-ndjson; charset=utf-8';

function attachment(reply: FastifyReply, filename: string, lines: readonly string[]): FastifyReply {
  return reply
    .type(JSON_LINES)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(`${lines.join('\n')}\n`);
}

/** The files an auditor takes away: the whole bundle (as `accord audit export` writes it), and a notice's proofs (as `accord audit proof` prints them). */
export function registerDownloadRoutes(app: FastifyInstance, deps: AuditConsoleDeps): void {
  const now = deps.clock ?? (() => new Date());

  app.get('/bundle', async (_request, reply) => {
    const records: v1.ChainedRecord.$Properties[] = [];
    await deps.source((chained) => void records.push(chained));
    const at = now();
    const stamp = at
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    return attachment(reply, `accord-audit-${stamp}.jsonl`, bundleLines(bundleHeader(deps.auditPublicKey, records.length, at), records));
  });

  app.get<{ Params: { noticeId: string } }>('/notices/:noticeId/proofs.jsonl', async (request, reply) => {
    const { noticeId } = request.params;
    const notFound = (): FastifyReply =>
      reply
        .code(404)
        .type(HTML)
        .send(renderAuditError(pageContext(request), 404, 'error.notFound'));
    if (!isNoticeIdText(noticeId)) return notFound();
    const trail = new TrailCollector(noticeId);
    await deps.source((chained) => trail.push(chained));
    const lines = trail.proofLines();
    if (lines.length === 0) return notFound();
    return attachment(
      reply,
      `proofs-${noticeId}.jsonl`,
      lines.map((line) => JSON.stringify(line)),
    );
  });
}
