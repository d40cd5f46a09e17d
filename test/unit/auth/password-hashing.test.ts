import { describe, expect, it } from "vitest";
import {
  HASHING_LIMITS,
  hashingLoad,
  hashPassword,
  PasswordHashingBusyError,
  verifyPassword,
} from "~/utils/password.server.ts";

describe("password hashing concurrency", () => {
  it("runs at most `concurrency` hashes at once, queues a bounded number, and refuses the rest at once", async () => {
    const stored = await hashPassword("correct horse");
    const { concurrency, queueLimit } = HASHING_LIMITS;
    const extra = 3;
    let peakRunning = 0;
    const watch = setInterval(() => (peakRunning = Math.max(peakRunning, hashingLoad().running)), 5);
    const outcomes = await Promise.allSettled(
      Array.from({ length: concurrency + queueLimit + extra }, (_, i) =>
        verifyPassword(i === 0 ? "correct horse" : "wrong", stored),
      ),
    );
    clearInterval(watch);
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(refused).toHaveLength(extra);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(PasswordHashingBusyError);
    expect(outcomes[0]).toEqual({ status: "fulfilled", value: true });
    expect(peakRunning).toBeLessThanOrEqual(concurrency);
    expect(hashingLoad()).toEqual({ running: 0, waiting: 0 });
  }, 20_000);
});
