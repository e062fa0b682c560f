import { AccordError } from '../../errors/index.js';

/** An officer's (or an API token's) name: lower case, as typed at a login form or a CLI. */
const OFFICER_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function isOfficerName(value: string): boolean {
  return OFFICER_NAME.test(value);
}

export function assertOfficerName(name: string, what = 'officer name'): void {
  if (!isOfficerName(name)) {
    throw new AccordError(
      'E_USAGE',
      `${what} ${JSON.stringify(name)} must match ${OFFICER_NAME.source} (a-z or 0-9, then up to 63 of a-z 0-9 . _ -)`,
    );
  }
}
