export { assertOfficerName, isOfficerName } from './officer-name.js';
export { isOfficerRole, OFFICER_ROLES, type Officer, type OfficerRole } from './officer.js';
export { OfficerStore, type NewOfficer } from './officer-store.js';
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, PASSWORD_HASH_OPTIONS } from './passwords.js';
export { DEFAULT_LOGIN_GUARD, LoginGuard, type LoginAttempt, type LoginGuardSettings, type LoginResult } from './login-guard.js';
export { DEFAULT_SESSION_SETTINGS, SessionStore, type Session, type SessionSettings } from './session-store.js';
export { parseScopes, TOKEN_SCOPES, type TokenScope } from './token-scopes.js';
export { TokenStore, type ApiToken } from './token-store.js';
