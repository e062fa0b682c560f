import { EnvReader, type Env } from '../../libs/config/index.js';
import { readCommonConfig, type CommonConfig } from '../shared/common-config.js';

export interface AuditConfig extends CommonConfig {
  maxBatchEvents: number;
  /** The audit service's private signing key (JWK), which signs checkpoints. */
  auditSigningKeyFile: string;
  checkpointEveryRecords: number;
  checkpointEveryMs: number;
}

export function readAuditConfig(env: Env): AuditConfig {
  const r = new EnvReader(env);
  return {
    ...readCommonConfig(env),
    maxBatchEvents: r.integer('ACCORD_AUDIT_MAX_BATCH', 2000, 1, 100_000),
    auditSigningKeyFile: r.string('ACCORD_AUDIT_SIGNING_KEY_FILE', "the path of the audit service's private signing JWK"),
    checkpointEveryRecords: r.integer('ACCORD_CHECKPOINT_RECORDS', 1000, 1, 10_000_000),
    checkpointEveryMs: r.integer('ACCORD_CHECKPOINT_MS', 60_000, 100, 86_400_000),
  };
}
