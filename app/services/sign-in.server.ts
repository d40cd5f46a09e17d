import type { DB } from "~/db/client.server.ts";
import { clearFailures, countFailuresSince, recordFailures } from "~/models/login-failure.server.ts";
import { getUserForSignIn, normalizeEmail } from "~/models/user.server.ts";
import { verifyPassword } from "~/utils/password.server.ts";

const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 20 } as const;

export type SignInResult =
  { ok: true; userId: string; role: "clinician" | "patient" } | { ok: false; reason: "invalid" | "throttled" };

// A dummy hash keeps the time of "no such account" close to "wrong password", so timing doesn't reveal accounts.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/**
 * Checks a password, with failed attempts limited per account and per client address
 * (5 per account and 20 per address in 15 minutes).
 */
export async function signIn(
  db: DB,
  input: { email: string; password: string; clientAddress: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const accountKey = `account:${normalizeEmail(input.email)}`;
  const addressKey = `address:${input.clientAddress}`;
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000).toISOString();
  const [accountFailures, addressFailures] = await Promise.all([
    countFailuresSince(db, accountKey, since),
    countFailuresSince(db, addressKey, since),
  ]);
  if (accountFailures >= THROTTLE.perAccount || addressFailures >= THROTTLE.perAddress) {
    return { ok: false, reason: "throttled" };
  }

  const user = await getUserForSignIn(db, input.email);
  const valid = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !user.password_hash || !valid) {
    await recordFailures(db, [accountKey, addressKey], now.toISOString());
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(db, accountKey);
  return { ok: true, userId: user.id, role: user.role };
}
