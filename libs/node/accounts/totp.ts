import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30 s steps. */
const PERIOD_S = 30;
const CODE = /^\d{6}$/;

/** A new shared secret, base32 (20 random bytes). */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app enrols from (typed in or shown as a QR code). */
export function totpUri(agency: string, name: string, secret: string): string {
  return generateURI({ issuer: `Accord ${agency}`, label: name, secret });
}

/**
 * The time step `code` belongs to, within one step either side of `now` and later than
 * `lastStep` (a step already used is never accepted again); undefined when none.
 */
export async function matchTotp(secret: string, code: string, now: Date, lastStep: number | null): Promise<number | undefined> {
  if (!CODE.test(code)) return undefined;
  const epoch = Math.floor(now.getTime() / 1000);
  if (lastStep !== null && lastStep > Math.floor(epoch / PERIOD_S) + 1) return undefined;
  const result = await verify({
    secret,
    token: code,
    epoch,
    period: PERIOD_S,
    epochTolerance: PERIOD_S,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}
