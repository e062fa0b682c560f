import { EnvReader, type Env } from '../../libs/config/index.js';
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
  const r = new EnvReader(env);
  return {
    ...readCommonConfig(env),
    busSigningKeyFile: r.string('ACCORD_BUS_SIGNING_KEY_FILE', "the path of the bus's private signing JWK"),
    pseudonymKeyFile: r.string('ACCORD_PSEUDONYM_KEY_FILE', 'the path of the pseudonym key (32 random bytes)'),
    gridDegrees: r.integer('ACCORD_COARSE_GRID_DEGREES', 1, 1, 90),
  };
}
