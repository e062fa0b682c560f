export { withAdmin } from './admin-context.js';
export type { AdminContext } from './admin-context.js';
export {
  addAgencyIn,
  issueNodeAccessIn,
  removeAgencyIn,
  revokeAgencyKeyIn,
  rotateAgencyCredentialsIn,
  rotateAgencyKeyIn,
  setCountedTlpIn,
} from './agency-folder.js';
export { applyPolicyIn } from './apply-policy-in.js';
export { contextLayout, credsFileFor } from './context-layout.js';
export type { ContextLayout } from './context-layout.js';
export { readDeploymentFile, writeDeploymentFile } from './deployment-file.js';
export type { DeploymentFile } from './deployment-file.js';
export { FolderCredentials, withSystemUser } from './folder-credentials.js';
export type { SystemEndpoint } from './folder-credentials.js';
export { IdentityStore } from './identity-store.js';
export type { StoredIdentity } from './identity-store.js';
export { initDeployment } from './init-deployment.js';
export type { DeploymentInitInput } from './init-deployment.js';
export { withFolderLock } from './folder-lock.js';
