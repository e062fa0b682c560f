import type { CryptoKey } from 'jose';
import type { ChainSource, VerifyJob } from '../../libs/audit-console/index.js';
import type { Logger } from '../../libs/log/index.js';
import type { PublicJwk } from '../../libs/signing/index.js';

/** What the console's routes are given: the chain (read afresh for each page), the audit key, the verification. */
export interface AuditConsoleDeps {
  source: ChainSource;
  auditKey: CryptoKey;
  /** The audit key's public JWK, for a bundle's header. */
  auditPublicKey: PublicJwk;
  verify: VerifyJob;
  /** The Host values answered (filled once the port is bound). */
  allowedHosts: ReadonlySet<string>;
  log: Logger;
  /** For times shown and bundle headers; tests fix it. */
  clock?: () => Date;
}
