import { describe, expect, it } from "vitest";
import { signIn } from "~/services/sign-in.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from "../../db/seed/demo.ts";

describe("demo clinic seed", () => {
  it("creates the three demo accounts, two active plans and several weeks of logs with real engine decisions", async () => {
    const db = getDb();
    const today = new Date("2026-11-21T10:00:00Z");
    expect(await seedDemoIfEmpty(db, today)).toBe(true);

    for (const email of Object.values(DEMO_ACCOUNTS)) {
      const result = await signIn(db, { email, password: DEMO_PASSWORD, clientAddress: "127.0.0.1" });
      expect(result.ok, email).toBe(true);
    }
    const alex = await db
      .selectFrom("app_user")
      .select("id")
      .where("email", "=", DEMO_ACCOUNTS.patient)
      .executeTakeFirstOrThrow();
    const logs = await db
      .selectFrom("daily_log")
      .select(["log_date"])
      .where("patient_id", "=", alex.id)
      .orderBy("log_date")
      .execute();
    expect(logs.length).toBeGreaterThanOrEqual(21);
    expect(logs.at(-1)!.log_date < "2026-11-21").toBe(true); // today is left for the patient to log
    const outcomes = await db.selectFrom("decision").select("outcome").distinct().execute();
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(expect.arrayContaining(["advance", "hold", "regress"]));
    const plans = await db.selectFrom("plan").select(["status", "goal_text"]).execute();
    expect(plans).toHaveLength(2);
    expect(plans.every((p) => p.status === "active" && p.goal_text)).toBe(true);
  });

  it("never seeds twice", async () => {
    expect(await seedDemoIfEmpty(getDb())).toBe(false);
  });
});
