import type { FastifyInstance } from 'fastify';
import type { NodeAppDeps } from '../node-app.js';
import { registerConsoleAdminRoutes } from './console-admin-routes.js';
import { registerConsoleAssets } from './console-assets.js';
import { registerConsoleAuthRoutes } from './console-auth-routes.js';
import { registerConsoleComposeRoutes } from './console-compose-routes.js';
import { registerConsoleInboxRoutes } from './console-inbox-routes.js';
import { registerConsoleSentRoutes } from './console-sent-routes.js';
import { registerConsoleStatisticsRoutes } from './console-statistics-routes.js';
import { registerConsoleWidenRoutes } from './console-widen-routes.js';
import { registerConsoleWithdrawRoutes } from './console-withdraw-routes.js';
import { registerFormParser } from '../../shared/form-body.js';

/** The web console at `/`: server-rendered pages over the same stores as the API, for the node's officers. */
export function registerConsole(app: FastifyInstance, deps: NodeAppDeps): void {
  registerFormParser(app);
  registerConsoleAssets(app);
  registerConsoleAuthRoutes(app, deps);
  registerConsoleInboxRoutes(app, deps);
  registerConsoleComposeRoutes(app, deps);
  registerConsoleSentRoutes(app, deps);
  registerConsoleWidenRoutes(app, deps);
  registerConsoleWithdrawRoutes(app, deps);
  registerConsoleStatisticsRoutes(app, deps);
  registerConsoleAdminRoutes(app, deps);
}
