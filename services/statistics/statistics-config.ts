import { readSettings, SETTINGS, type Env } from '../../libs/settings/index.js';
import type { PeriodScheme } from '../../libs/statistics/index.js';
import { readCommonConfig, type CommonConfig } from '../shared/common-config.js';

export interface StatisticsConfig extends CommonConfig {
  /** The bus's private signing key (JWK), which signs each release. */
  busSigningKeyFile: string;
  scheme: PeriodScheme;
  graceSeconds: number;
  /** The threshold of the disclosure control (k). */
  minCell: number;
}

export function readStatisticsConfig(env: Env): StatisticsConfig {
  const read = readSettings('statistics', env);
  return {
    ...readCommonConfig(read),
    busSigningKeyFile: read(SETTINGS.busSigningKeyFile),
    scheme: { seconds: read(SETTINGS.statsPeriodSeconds) },
    graceSeconds: read(SETTINGS.statsGraceSeconds),
    minCell: read(SETTINGS.statsMinCell),
  };
}
