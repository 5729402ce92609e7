import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 defaults (SHA-1, 6 digits, 30 s) because every authenticator app supports exactly these. */
const PERIOD_SECONDS = 30;
// One step of clock drift either way between the phone and the server.
const TOLERANCE_SECONDS = PERIOD_SECONDS;

export function newTotpSecret(): string {
  return generateSecret();
}

export function otpauthUrl(secret: string, accountName: string, issuer: string): string {
  return generateURI({ issuer, label: accountName, secret });
}

/**
 * Checks a code and returns its time step, or undefined. Codes of steps up to `lastUsedStep` are refused,
 * so each code signs in once.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  now: Date,
  lastUsedStep: number | null,
): Promise<number | undefined> {
  const token = code.replace(/\s+/g, '');
  if (!/^[0-9]{6}$/.test(token)) return undefined;
  try {
    const result = await verify({
      secret,
      token,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: TOLERANCE_SECONDS,
      ...(lastUsedStep === null ? {} : { afterTimeStep: lastUsedStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  } catch {
    return undefined;
  }
}
