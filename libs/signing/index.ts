export { generateSigningKeyPair, parsePublicJwk, signingKeyFromJwk, thumbprint, verificationKeyFromJwk } from './key-pair.js';
export type { PrivateJwk, PublicJwk, SigningKey } from './key-pair.js';
export {
  CHECKPOINT_TYP,
  NOTICE_TYP,
  PROTECTED_TYP,
  RELEASE_TYP,
  STATISTICS_TYP,
  VIEW_TYP,
  inspectDetached,
  signDetached,
  verifyDetached,
} from './detached-jws.js';
export type { DetachedHeader } from './detached-jws.js';
export { VerificationKeyCache } from './key-cache.js';
export { keyedDigest } from './keyed-digest.js';
