import type { FastifyInstance } from 'fastify';
import {
  ChartsCollector,
  isNoticeIdText,
  OverviewCollector,
  parseRecordsQuery,
  RecordsCollector,
  renderAuditError,
  renderCharts,
  renderOverview,
  renderRecords,
  renderTrail,
  TrailCollector,
} from '../../libs/audit-console/index.js';
import type { AuditConsoleDeps } from './audit-console-deps.js';
import { HTML, pageContext } from './page-context.js';

/** The pages that read the chain: each reads it once, through the collector that makes its model. */
export function registerPageRoutes(app: FastifyInstance, deps: AuditConsoleDeps): void {
  const now = deps.clock ?? (() => new Date());

  app.get('/', async (request, reply) => {
    const overview = new OverviewCollector();
    await deps.source((chained) => overview.push(chained));
    const model = await overview.model(deps.auditKey, deps.auditPublicKey.kid, now());
    return reply.type(HTML).send(renderOverview(pageContext(request), model));
  });

  app.get<{ Querystring: Record<string, unknown> }>('/records', async (request, reply) => {
    const parsed = parseRecordsQuery(request.query);
    const records = new RecordsCollector(parsed);
    if (parsed.invalid.length === 0) await deps.source((chained) => records.push(chained));
    return reply
      .code(parsed.invalid.length === 0 ? 200 : 400)
      .type(HTML)
      .send(renderRecords(pageContext(request), records.model()));
  });

  app.get<{ Params: { noticeId: string } }>('/notices/:noticeId', async (request, reply) => {
    const ctx = pageContext(request);
    const { noticeId } = request.params;
    if (!isNoticeIdText(noticeId))
      return reply
        .code(404)
        .type(HTML)
        .send(renderAuditError(ctx, 404, 'error.notFound'));
    const trail = new TrailCollector(noticeId);
    await deps.source((chained) => trail.push(chained));
    return reply.type(HTML).send(renderTrail(ctx, trail.model()));
  });

  app.get('/charts', async (request, reply) => {
    const charts = new ChartsCollector();
    await deps.source((chained) => charts.push(chained));
    return reply.type(HTML).send(renderCharts(pageContext(request), charts.model()));
  });
}
