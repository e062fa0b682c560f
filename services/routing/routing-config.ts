import { EnvReader, type Env } from '../../libs/config/index.js';
import { readCommonConfig, type CommonConfig } from '../shared/common-config.js';

export interface RoutingConfig extends CommonConfig {
  /** How long to wait for redaction to store every delivery of a notice. */
  redactTimeoutMs: number;
}

export function readRoutingConfig(env: Env): RoutingConfig {
  const r = new EnvReader(env);
  return { ...readCommonConfig(env), redactTimeoutMs: r.integer('ACCORD_REDACT_TIMEOUT_MS', 12_000, 100, 600_000) };
}
