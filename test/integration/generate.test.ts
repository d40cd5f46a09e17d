import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server.ts";
import { generateLargeClinic } from "../../db/generate.ts";

describe("benchmark data generator", () => {
  it("builds a clinic of patients on the built-in programs with logs, tests, a decision per logged day and a current decision each", async () => {
    const db = getDb();
    const { clinicId } = await generateLargeClinic(db, {
      patients: 16,
      days: 30,
      today: new Date("2026-11-21T12:00:00Z"),
    });
    const count = async (table: "plan" | "daily_log" | "measurement" | "decision") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .where("clinic_id", "=", clinicId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const programs = await db
      .selectFrom("plan")
      .select("program_id")
      .distinct()
      .where("clinic_id", "=", clinicId)
      .execute();
    expect(await count("plan")).toBe(16);
    expect(programs.length).toBe(8);
    // ~85 % of 30 days logged per patient.
    expect(await count("daily_log")).toBeGreaterThan(16 * 20);
    expect(await count("daily_log")).toBeLessThan(16 * 30);
    expect(await count("measurement")).toBeGreaterThan(0);
    // As the app records them: one decision per logged day (all before today), plus today's for every plan.
    expect(await count("decision")).toBe((await count("daily_log")) + 16);
    const latest = await db
      .selectFrom("decision")
      .select(["plan_id", (eb) => eb.fn.max("evaluated_for").as("day")])
      .where("clinic_id", "=", clinicId)
      .groupBy("plan_id")
      .execute();
    expect(latest.map((d) => d.day)).toEqual(Array(16).fill("2026-11-21"));
    const clinicians = await db
      .selectFrom("app_user")
      .select("id")
      .where("clinic_id", "=", clinicId)
      .where("role", "=", "clinician")
      .execute();
    expect(clinicians.length).toBe(1);
  });
});
