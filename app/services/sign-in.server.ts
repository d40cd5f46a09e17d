import type { DB } from "~/db/client.server.ts";
import {
  bumpWindowCounter,
  clearThrottle,
  getThrottle,
  pruneThrottles,
  refundAttempt,
  swapThrottle,
} from "~/models/sign-in-throttle.server.ts";
import { getUserForSignIn, normalizeEmail } from "~/models/user.server.ts";
import { PasswordHashingBusyError, verifyPassword } from "~/utils/password.server.ts";

/**
 * The throttle's rules (docs/reliability.md, ADR 003):
 * - per account *and* client address: `freeFailures` wrong passwords in a row cost nothing; after that each attempt
 *   must wait `baseDelaySeconds × 2^(failures − freeFailures)`, capped at `maxDelaySeconds`. A stranger's failures
 *   are counted against the stranger's address only, so the owner signing in from their own address is never held.
 *   A pair quiet for `forgetAfterHours` starts over.
 * - per client address, across accounts: at most `perAddress` failures in `addressWindowMinutes` (then 429 until the
 *   window ends), which stops one address guessing many accounts.
 * Attempts are counted in the database *before* the password is checked (compare-and-swap / one upsert), so a burst
 * of parallel requests cannot get more checks than the rules allow. A success clears its pair and gives back its
 * address count.
 */
export const THROTTLE = {
  freeFailures: 3,
  baseDelaySeconds: 2,
  maxDelaySeconds: 15 * 60,
  forgetAfterHours: 24,
  perAddress: 30,
  addressWindowMinutes: 15,
} as const;

export type ThrottleVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export type SignInResult =
  | { ok: true; userId: string; role: "clinician" | "patient" }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled" | "busy"; retryAfterSeconds: number };

// A dummy hash keeps the time of "no such account" close to "wrong password", so timing doesn't reveal accounts.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/** The wait owed before the next attempt, after `failures` failures in a row. */
export function delayAfter(failures: number): number {
  if (failures < THROTTLE.freeFailures) return 0;
  return Math.min(THROTTLE.baseDelaySeconds * 2 ** (failures - THROTTLE.freeFailures), THROTTLE.maxDelaySeconds);
}

/**
 * Claims one attempt on a growing-delay key: allowed if the delay owed since the last failure has passed, and then
 * counted (as a failure until the caller clears it) by a compare-and-swap, so parallel requests claim one at a time.
 */
export async function claimGrowingDelay(db: DB, key: string, now: Date): Promise<ThrottleVerdict> {
  const nowIso = now.toISOString();
  const forgetBefore = new Date(now.getTime() - THROTTLE.forgetAfterHours * 3_600_000).toISOString();
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await getThrottle(db, key);
    const stale = !current || current.last_failure_at < forgetBefore;
    const failures = stale ? 0 : current.failures;
    if (!stale) {
      const readyAt = Date.parse(current.last_failure_at) + delayAfter(failures) * 1000;
      if (now.getTime() < readyAt) return { ok: false, retryAfterSeconds: Math.ceil((readyAt - now.getTime()) / 1000) };
    }
    const next = {
      failures: failures + 1,
      window_started_at: stale ? nowIso : current.window_started_at,
      last_failure_at: nowIso,
    };
    if (await swapThrottle(db, key, current, next)) {
      if (!current) await pruneThrottles(db, forgetBefore); // a new key: a good moment to drop old ones
      return { ok: true };
    }
    // Another request moved the key first: read it again.
  }
  return { ok: false, retryAfterSeconds: 1 };
}

/** Checks a password under the throttle above. */
export async function signIn(
  db: DB,
  input: { email: string; password: string; clientAddress: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const pairKey = `pair:${normalizeEmail(input.email)}|${input.clientAddress}`;
  const addressKey = `address:${input.clientAddress}`;

  const pair = await claimGrowingDelay(db, pairKey, now);
  if (!pair.ok) return { ok: false, reason: "throttled", retryAfterSeconds: pair.retryAfterSeconds };
  const windowStart = new Date(now.getTime() - THROTTLE.addressWindowMinutes * 60_000).toISOString();
  const addressFailures = await bumpWindowCounter(db, addressKey, now.toISOString(), windowStart);
  if (addressFailures > THROTTLE.perAddress) {
    return { ok: false, reason: "throttled", retryAfterSeconds: THROTTLE.addressWindowMinutes * 60 };
  }

  let valid: boolean;
  const user = await getUserForSignIn(db, input.email);
  try {
    valid = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  } catch (error) {
    if (!(error instanceof PasswordHashingBusyError)) throw error;
    // Nothing was checked: the attempt does not count.
    await Promise.all([refundAttempt(db, pairKey), refundAttempt(db, addressKey)]);
    return { ok: false, reason: "busy", retryAfterSeconds: 2 };
  }
  if (!user || !user.password_hash || !valid) return { ok: false, reason: "invalid" };
  await Promise.all([clearThrottle(db, pairKey), refundAttempt(db, addressKey)]);
  return { ok: true, userId: user.id, role: user.role };
}
