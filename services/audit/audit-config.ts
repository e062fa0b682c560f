import { EnvReader, type Env } from '../../libs/config/index.js';
import { readCommonConfig, type CommonConfig } from '../shared/common-config.js';

export interface AuditConfig extends CommonConfig {
  maxBatchEvents: number;
}

export function readAuditConfig(env: Env): AuditConfig {
  const r = new EnvReader(env);
  return { ...readCommonConfig(env), maxBatchEvents: r.integer('ACCORD_AUDIT_MAX_BATCH', 2000, 1, 100_000) };
}
