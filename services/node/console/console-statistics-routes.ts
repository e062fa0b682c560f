import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  CONSOLE_PATHS,
  renderError,
  renderStatistics,
  STATISTICS_READERS,
  statisticsModel,
  type MessageKey,
  type PageContext,
} from '../../../libs/console/index.js';
import { isAccordError, type AccordErrorCode } from '../../../libs/errors/index.js';
import { isPeriodSelector, type Release } from '../../../libs/statistics/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { pageContext, requireOfficer } from './console-session.js';

const HTML = 'text/html; charset=utf-8';

/** The bus's failures the page says in words of its own: away (try again), or a release that does not verify (the node is a gateway to it). */
const FAILURES: Partial<Record<AccordErrorCode, { status: number; key: MessageKey }>> = {
  E_UNAVAILABLE: { status: 503, key: 'error.unavailable' },
  E_TIMEOUT: { status: 503, key: 'error.unavailable' },
  E_STATISTICS_INVALID: { status: 502, key: 'statistics.invalid' },
};

function errorPage(reply: FastifyReply, ctx: PageContext, status: number, key: MessageKey): FastifyReply {
  return reply
    .code(status)
    .type(HTML)
    .send(renderError(ctx, status, key));
}

/**
 * The Statistics page: the releases the bus delivered to the agency (a research body's),
 * read with the node's credential and verified against the bus key on each request, as
 * `GET /api/v1/statistics` reads them; the node keeps no copy. `?period=` chooses a month
 * or a period's start; without it, the latest period is shown.
 */
export function registerConsoleStatisticsRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  const forbidden = (ctx: PageContext): string => renderError(ctx, 403, 'error.forbidden');

  app.get<{ Querystring: Record<string, unknown> }>(
    CONSOLE_PATHS.statistics,
    { config: { summary: 'the console: the statistical releases delivered to the agency, by period, as charts and tables' } },
    async (request, reply) => {
      const signedIn = requireOfficer(request, reply, deps, STATISTICS_READERS, forbidden);
      if (!signedIn) return reply;
      const ctx = pageContext(request, deps, signedIn);
      const asked = request.query.period;
      // The picker's empty choice is no choice; anything else must be a month or a period's start (given once).
      const selector = typeof asked === 'string' && asked !== '' ? asked : undefined;
      if ((asked !== undefined && typeof asked !== 'string') || (selector !== undefined && !isPeriodSelector(selector)))
        return errorPage(reply, ctx, 400, 'statistics.periodInvalid');
      let releases: Release[];
      try {
        releases = await deps.bus.statistics({ allVersions: false });
      } catch (error) {
        const failure = isAccordError(error) ? FAILURES[error.code] : undefined;
        if (!isAccordError(error) || !failure) throw error;
        if (failure.status === 502) deps.log.error('a statistical release does not verify', { error: error.message });
        return errorPage(reply, ctx, failure.status, failure.key);
      }
      const model = statisticsModel(releases, selector);
      // A period asked for that has no release: the page says so, with the picker (404).
      const missing = selector !== undefined && model.releases.length === 0 && model.periods.length > 0;
      return reply
        .code(missing ? 404 : 200)
        .type(HTML)
        .send(renderStatistics(ctx, model));
    },
  );
}
