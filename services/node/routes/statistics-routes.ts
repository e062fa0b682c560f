import type { FastifyInstance } from 'fastify';
import { apiSchemas } from '../../../libs/node/index.js';
import { releaseRows, releasesToCsv } from '../../../libs/statistics/index.js';
import type { NodeAppDeps } from '../node-app.js';

/**
 * The statistical releases delivered to the agency (only research agencies get any),
 * read from the bus with the node's own credential and verified against the bus key on
 * each request: the node keeps no copy, so what it serves is what the bus signed.
 */
export function registerStatisticsRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  app.get<{ Querystring: { period?: string; versions?: 'latest' | 'all'; format?: 'json' | 'csv' } }>(
    '/api/v1/statistics',
    {
      schema: { querystring: apiSchemas.statisticsQuery },
      config: {
        access: 'read',
        summary: 'the statistical releases of closed periods delivered to the agency, verified, by period (none before a period closes)',
      },
    },
    async (request, reply) => {
      const { period, versions, format } = request.query;
      const releases = await deps.bus.statistics({ ...(period === undefined ? {} : { period }), allVersions: versions === 'all' });
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(releasesToCsv(releaseRows(releases, {})));
      return { releases };
    },
  );
}
