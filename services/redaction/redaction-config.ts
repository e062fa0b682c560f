import { EnvReader, type Env } from '../../libs/config/index.js';
import { readCommonConfig, type CommonConfig } from '../shared/common-config.js';

export interface RedactionConfig extends CommonConfig {
  /** The bus's private signing key (JWK), which signs every delivered view. */
  busSigningKeyFile: string;
}

export function readRedactionConfig(env: Env): RedactionConfig {
  const r = new EnvReader(env);
  return {
    ...readCommonConfig(env),
    busSigningKeyFile: r.string('ACCORD_BUS_SIGNING_KEY_FILE', "the path of the bus's private signing JWK"),
  };
}
