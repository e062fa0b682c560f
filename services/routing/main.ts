import { runService } from '../shared/run-service.js';
import { readRoutingConfig } from './routing-config.js';
import { startRoutingService } from './routing-service.js';

runService('routing', () => startRoutingService(readRoutingConfig(process.env)));
