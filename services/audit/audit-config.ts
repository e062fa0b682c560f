import { readSettings, SETTINGS, type Env } from '../../libs/settings/index.js';
import { readCommonConfig, type CommonConfig } from '../shared/common-config.js';

export interface AuditConfig extends CommonConfig {
  maxBatchEvents: number;
  /** The audit service's private signing key (JWK), which signs checkpoints. */
  auditSigningKeyFile: string;
  checkpointEveryRecords: number;
  checkpointEveryMs: number;
}

export function readAuditConfig(env: Env): AuditConfig {
  const read = readSettings('audit', env);
  return {
    ...readCommonConfig(read),
    maxBatchEvents: read(SETTINGS.auditMaxBatch),
    auditSigningKeyFile: read(SETTINGS.auditSigningKeyFile),
    checkpointEveryRecords: read(SETTINGS.checkpointRecords),
    checkpointEveryMs: read(SETTINGS.checkpointMs),
  };
}
