import { runService } from '../shared/run-service.js';
import { readStatisticsConfig } from './statistics-config.js';
import { startStatisticsService } from './statistics-service.js';

runService('statistics', async () => startStatisticsService(readStatisticsConfig(process.env)));
