import { describe, expect, it } from "vitest";
import { ProgramSchema } from "~/engine/index.ts";
import { getPatientInClinic } from "~/models/patient.server.ts";
import { loadPatientRecord } from "~/services/patient-record.server.ts";
import { startPlan } from "~/services/plan.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { newId } from "~/utils/ids.server.ts";
import { createClinic, createClinician, createPatient } from "../../support/factories.ts";
import { twoStageProgram } from "./fixtures.ts";

// Three plain stages a, b, c (no gates, no regress rules): only the plan's history decides the bands.
const threeStages = ProgramSchema.parse({
  ...twoStageProgram,
  id: "stage-history-test",
  stages: ["a", "b", "c"].map((id) => ({ ...twoStageProgram.stages[1]!, id, name: `Stage ${id}`, regressRules: [] })),
});

/** A patient in `timeZone` whose plan started on 2026-01-01 in stage a, as the clinician's patient page loads it. */
async function planFromJanuary(timeZone: string) {
  const db = getDb();
  const clinic = await createClinic(db);
  const clinician = await createClinician(db, clinic.id);
  const patient = await createPatient(db, clinic.id, clinician.id, { timeZone });
  const started = await startPlan(db, clinician, {
    patientId: patient.id,
    program: threeStages,
    startStageId: "a",
    startDate: "2026-01-01",
    approvalMode: "confirm",
    involvedSide: "right",
  });
  if (!started.ok) throw new Error(JSON.stringify(started.fieldErrors));
  const planId = started.planId;
  const stageHistory = async () => {
    const record = await loadPatientRecord(db, clinic.id, (await getPatientInClinic(db, clinic.id, patient.id))!);
    return record.plan ? record.stageHistory : null;
  };
  // Written straight to the tables: a history back-dated to January cannot come through the app's paths.
  const applied = (evaluatedFor: string, outcome: "advance" | "regress", from: string, to: string, createdAt: string) =>
    db
      .insertInto("decision")
      .values({
        id: newId(),
        clinic_id: clinic.id,
        plan_id: planId,
        evaluated_for: evaluatedFor,
        outcome,
        from_stage_id: from,
        to_stage_id: to,
        checks: "[]",
        flags: "[]",
        load: null,
        patient_summary: "",
        clinician_summary: "",
        engine_version: "test",
        program_version: 1,
        status: "applied",
        reviewed_by: clinician.id,
        reviewed_at: createdAt,
        review_reason: null,
        created_at: createdAt,
      })
      .execute();
  const movedByHand = (detail: { from: string; to: string; reason: string }, at: string) =>
    db
      .insertInto("audit_event")
      .values({
        id: newId(),
        clinic_id: clinic.id,
        actor_id: clinician.id,
        actor_role: "clinician",
        action: "plan.stage_moved",
        entity_type: "plan",
        entity_id: planId,
        plan_id: planId,
        detail: JSON.stringify(detail),
        at,
      })
      .execute();
  const nowIn = (stageId: string, since: string) =>
    db
      .updateTable("plan")
      .set({ current_stage_id: stageId, stage_entered_on: since })
      .where("id", "=", planId)
      .execute();
  return { stageHistory, applied, movedByHand, nowIn };
}

describe("stage bands on the patient's charts", () => {
  it("follow applied advances and regressions by the day they were for, and a manual move, ending at the current stage", async () => {
    const plan = await planFromJanuary("Europe/London");
    await plan.applied("2026-01-08", "advance", "a", "b", "2026-01-08T18:00:00Z");
    await plan.applied("2026-01-12", "regress", "b", "a", "2026-01-12T18:00:00Z");
    await plan.movedByHand({ from: "a", to: "c", reason: "tests fine" }, "2026-01-20T10:00:00Z");
    await plan.nowIn("c", "2026-01-20");
    expect(await plan.stageHistory()).toEqual([
      { stageId: "a", from: "2026-01-01" },
      { stageId: "b", from: "2026-01-08" },
      { stageId: "a", from: "2026-01-12" },
      { stageId: "c", from: "2026-01-20" },
    ]);
  });

  it("with no changes recorded, is one band from the plan's stage entry", async () => {
    const plan = await planFromJanuary("UTC");
    expect(await plan.stageHistory()).toEqual([{ stageId: "a", from: "2026-01-01" }]);
  });
});
