import { readSettings, SETTINGS, type Env } from '../../libs/settings/index.js';
import { readCommonConfig, type CommonConfig } from '../shared/common-config.js';

export interface RedactionConfig extends CommonConfig {
  /** The bus's private signing key (JWK), which signs every delivered view. */
  busSigningKeyFile: string;
  /** The pseudonym key: replacing it (and restarting redaction) gives everyone new pseudonyms. */
  pseudonymKeyFile: string;
  /** Precise locations withheld from a recipient are snapped to a grid of this size. */
  gridDegrees: number;
}

export function readRedactionConfig(env: Env): RedactionConfig {
  const read = readSettings('redaction', env);
  return {
    ...readCommonConfig(read),
    busSigningKeyFile: read(SETTINGS.busSigningKeyFile),
    pseudonymKeyFile: read(SETTINGS.pseudonymKeyFile),
    gridDegrees: read(SETTINGS.coarseGridDegrees),
  };
}
