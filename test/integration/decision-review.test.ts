import { describe, expect, it } from "vitest";
import { confirmDecision, overrideDecision } from "~/services/decision-review.server.ts";
import { recordSignoff } from "~/services/signoff.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { clinicWithProgram, lastDays, planStartedDaysAgo, seedLogs } from "./clinic/fixtures.ts";

// A clinician's review of a recommendation is one use case in the service: confirming applies the decision and then
// re-evaluates the plan in the patient's time zone; overriding re-evaluates nothing. Routes only call these.

/** The patient lives a day ahead of the clinician (UTC+14 against UTC−11), so "today" tells whose zone was used. */
const PATIENT_ZONE = "Pacific/Kiritimati";
const CLINICIAN_ZONE = "Pacific/Pago_Pago";

/** Patient A with a pending advance: 4 calm days in stage 1 and the exam signed off. */
async function pendingAdvance() {
  const db = getDb();
  const cast = await clinicWithProgram(db);
  const clinician = { ...cast.clinician, time_zone: CLINICIAN_ZONE };
  const { planId, today } = await planStartedDaysAgo(db, cast, 4);
  await seedLogs(db, { clinicId: cast.clinic.id, planId, patientId: cast.patientA.id, days: lastDays(today, 4, 2) });
  const signed = await recordSignoff(db, clinician, { planId, itemId: "exam_clear", signedOn: today }, "Europe/London");
  expect(signed.ok).toBe(true);
  const pending = await db
    .selectFrom("decision")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  expect(pending.outcome).toBe("advance");
  await db.updateTable("app_user").set({ time_zone: PATIENT_ZONE }).where("id", "=", cast.patientA.id).execute();
  return { cast, clinician, planId, decisionId: pending.id };
}

const decisionsOf = (planId: string) =>
  getDb().selectFrom("decision").selectAll().where("plan_id", "=", planId).orderBy("created_at").execute();

describe("confirming a recommendation", () => {
  it("applies it, then evaluates the new stage for the patient's today, and names the patient", async () => {
    const { cast, clinician, planId, decisionId } = await pendingAdvance();
    const before = await decisionsOf(planId);
    const result = await confirmDecision(getDb(), clinician, decisionId, { patientId: cast.patientA.id });
    expect(result).toEqual({ ok: true, patientName: "Patient A" });
    const after = await decisionsOf(planId);
    expect(after.find((d) => d.id === decisionId)?.status).toBe("applied");
    const fresh = after.filter((d) => !before.some((b) => b.id === d.id));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ from_stage_id: "build", evaluated_for: todayIn(PATIENT_ZONE) });
  });

  it("without a patient scope (the triage list) does the same", async () => {
    const { clinician, planId, decisionId } = await pendingAdvance();
    const before = await decisionsOf(planId);
    expect((await confirmDecision(getDb(), clinician, decisionId)).ok).toBe(true);
    const fresh = (await decisionsOf(planId)).filter((d) => !before.some((b) => b.id === d.id));
    expect(fresh.map((d) => d.evaluated_for)).toEqual([todayIn(PATIENT_ZONE)]);
  });

  it("a second confirmation is a conflict and evaluates nothing", async () => {
    const { clinician, planId, decisionId } = await pendingAdvance();
    await confirmDecision(getDb(), clinician, decisionId);
    const count = (await decisionsOf(planId)).length;
    expect(await confirmDecision(getDb(), clinician, decisionId)).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await decisionsOf(planId)).toHaveLength(count);
  });
});

describe("overriding a recommendation", () => {
  it("keeps the plan where it is and does not ask the engine again", async () => {
    const { cast, clinician, planId, decisionId } = await pendingAdvance();
    const count = (await decisionsOf(planId)).length;
    const result = await overrideDecision(
      getDb(),
      clinician,
      decisionId,
      { reason: "Another week" },
      { patientId: cast.patientA.id },
    );
    expect(result).toEqual({ ok: true });
    const after = await decisionsOf(planId);
    expect(after).toHaveLength(count);
    expect(after.find((d) => d.id === decisionId)?.status).toBe("overridden");
  });
});

describe("a decision out of scope", () => {
  it("is not found from another patient's page or another clinic, and stays pending", async () => {
    const { cast, clinician, planId, decisionId } = await pendingAdvance();
    const otherClinic = { ...cast.other.clinician, time_zone: CLINICIAN_ZONE };
    const notFound = { ok: false, status: 404, message: "Decision not found" };
    const count = (await decisionsOf(planId)).length;
    const viaPatientB = { patientId: cast.patientB.id };
    expect(await confirmDecision(getDb(), clinician, decisionId, viaPatientB)).toEqual(notFound);
    expect(await overrideDecision(getDb(), clinician, decisionId, { reason: "x" }, viaPatientB)).toEqual(notFound);
    expect(await confirmDecision(getDb(), otherClinic, decisionId)).toEqual(notFound);
    expect(await overrideDecision(getDb(), otherClinic, decisionId, { reason: "x" })).toEqual(notFound);
    const after = await decisionsOf(planId);
    expect(after).toHaveLength(count);
    expect(after.find((d) => d.id === decisionId)?.status).toBe("pending");
  });
});
