import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { availableParallelism } from "node:os";

// Node's scrypt (a memory-hard KDF) with OWASP-recommended cost: N=2^15, r=8, p=1.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/**
 * scrypt runs on libuv's thread pool (4 threads), which the SQLite driver and file reads share, and takes a whole core
 * for ~0.2 s. Unbounded, a flood of bad sign-ins fills the pool and every page waits behind it. So at most
 * `concurrency` hashes run at once (one core kept free for everything else), at most `queueLimit` wait, and beyond
 * that the caller gets PasswordHashingBusyError at once (sign-in answers 503 with Retry-After).
 */
export const HASHING_LIMITS = {
  concurrency: Math.max(1, Math.min(4, availableParallelism() - 1)),
  queueLimit: 10,
} as const;

export class PasswordHashingBusyError extends Error {
  constructor() {
    super("Too many password checks at once; try again in a moment.");
    this.name = "PasswordHashingBusyError";
  }
}

let running = 0;
const waiting: Array<() => void> = [];

async function withHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASHING_LIMITS.concurrency) {
    if (waiting.length >= HASHING_LIMITS.queueLimit) throw new PasswordHashingBusyError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running++;
  }
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next)
      next(); // the slot passes straight to the next in line
    else running--;
  }
}

/** How many hashes run and wait right now (for tests and the flood measurement). */
export function hashingLoad(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return withHashingSlot(
    () =>
      new Promise((resolve, reject) =>
        scryptCallback(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...PARAMS, maxmem: 64 * 1024 * 1024 });
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, "base64");
  const actual = await scrypt(password, Buffer.from(saltB64, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
