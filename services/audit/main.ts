import { runService } from '../shared/run-service.js';
import { readAuditConfig } from './audit-config.js';
import { startAuditService } from './audit-service.js';

runService('audit', () => startAuditService(readAuditConfig(process.env)));
