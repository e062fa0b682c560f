import { readBusSecret } from '../shared/common-config.js';
import { runService } from '../shared/run-service.js';
import { readRedactionConfig } from './redaction-config.js';
import { startRedactionService } from './redaction-service.js';

runService('redaction', async () =>
  startRedactionService(readRedactionConfig(process.env), { secret: await readBusSecret('redaction', process.env) }),
);
