import { readSettings, SETTINGS, type Env } from '../../libs/settings/index.js';
import { readCommonConfig, type CommonConfig } from '../shared/common-config.js';

export interface RoutingConfig extends CommonConfig {
  /** How long to wait for redaction to store every delivery of a notice. */
  redactTimeoutMs: number;
}

export function readRoutingConfig(env: Env): RoutingConfig {
  const read = readSettings('routing', env);
  return { ...readCommonConfig(read), redactTimeoutMs: read(SETTINGS.redactTimeoutMs) };
}
