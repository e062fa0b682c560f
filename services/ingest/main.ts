import { readBusSecret } from '../shared/common-config.js';
import { runService } from '../shared/run-service.js';
import { readIngestConfig } from './ingest-config.js';
import { startIngestService } from './ingest-service.js';

runService('ingest', async () => startIngestService(readIngestConfig(process.env), { secret: await readBusSecret('ingest', process.env) }));
