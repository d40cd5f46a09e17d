import { afterEach, describe, expect, it, vi } from "vitest";
import { getPatientInClinic } from "~/models/patient.server.ts";
import { listPatientsForClinic } from "~/services/caseload.server.ts";
import { confirmDecision } from "~/services/decision-review.server.ts";
import { progressView } from "~/services/patient-progress.server.ts";
import { loadPatientRecord } from "~/services/patient-record.server.ts";
import { todayView } from "~/services/patient-today.server.ts";
import { recordSignoff } from "~/services/signoff.server.ts";
import { loadTriage } from "~/services/triage.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { clinicWithProgram, lastDays, planStartedDaysAgo, seedLogs } from "./clinic/fixtures.ts";
import { todayIn } from "~/utils/dates.ts";

// One stage date everywhere (docs/engine.md, "The stage date"): a stage is entered on the patient's local date of
// confirmation, whatever the clinician's clock says, and every page shows that date and the same non-negative count.

const CLINICIAN_ZONE = "Europe/London";

afterEach(() => {
  vi.useRealTimers();
});

/** Only Date is faked: the database's timers keep running. */
function clockAt(instant: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(instant));
}

/** A patient in `zone` with an advance waiting for a clinician in London: calm days in stage 1, the exam signed off. */
async function pendingAdvanceFor(zone: string) {
  const db = getDb();
  const cast = await clinicWithProgram(db);
  await db.updateTable("app_user").set({ time_zone: zone }).where("id", "=", cast.patientA.id).execute();
  const clinician = { ...cast.clinician, time_zone: CLINICIAN_ZONE };
  const { planId } = await planStartedDaysAgo(db, cast, 5);
  const today = todayIn(zone);
  await seedLogs(db, { clinicId: cast.clinic.id, planId, patientId: cast.patientA.id, days: lastDays(today, 4, 2) });
  expect((await recordSignoff(db, clinician, { planId, itemId: "exam_clear", signedOn: today }, zone)).ok).toBe(true);
  const pending = await db
    .selectFrom("decision")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  expect(pending).toMatchObject({ outcome: "advance", evaluated_for: today });
  return { db, cast, clinician, planId, decisionId: pending.id };
}

/** The stage date and day count each page shows: the patient's Today and Progress, the clinician's record, triage, list. */
async function stageDatesShown(setup: Awaited<ReturnType<typeof pendingAdvanceFor>>, zone: string) {
  const { db, cast } = setup;
  const patient = { id: cast.patientA.id, clinic_id: cast.clinic.id, role: "patient" as const, time_zone: zone };
  const today = await todayView(db, patient);
  const progress = await progressView(db, patient);
  const record = await loadPatientRecord(
    db,
    cast.clinic.id,
    (await getPatientInClinic(db, cast.clinic.id, patient.id))!,
  );
  const triage = await loadTriage(db, cast.clinic.id, CLINICIAN_ZONE);
  const triageRow = [...triage.needsAttention, ...triage.everyoneElse].find((r) => r.patientId === patient.id)!;
  const listed = (await listPatientsForClinic(db, cast.clinic.id)).find((p) => p.id === patient.id)!;
  return {
    today: { on: today!.stageEnteredOn, days: today!.daysInStage },
    progress: { on: progress!.stageEnteredOn, days: progress!.daysInStage },
    record: { on: record.plan!.stageEnteredOn, days: record.plan!.daysInStage },
    triage: { days: triageRow.daysInStage },
    list: { on: listed.stage!.stageEnteredOn, days: listed.stage!.daysInStage },
  };
}

const everywhere = (on: string, days: number) => ({
  today: { on, days },
  progress: { on, days },
  record: { on, days },
  triage: { days },
  list: { on, days },
});

describe("the stage date across time zones", () => {
  it("a London clinician confirming late in the evening for a patient in Auckland enters the stage on the patient's date, shown alike everywhere", async () => {
    // 22:30 in London on 7 Dec is 11:30 on 8 Dec in Auckland: the patient's today is the clinician's tomorrow.
    clockAt("2026-12-07T22:30:00Z");
    const setup = await pendingAdvanceFor("Pacific/Auckland");
    expect((await confirmDecision(setup.db, setup.clinician, setup.decisionId)).ok).toBe(true);
    const plan = await setup.db.selectFrom("plan").selectAll().where("id", "=", setup.planId).executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ current_stage_id: "build", stage_entered_on: "2026-12-08" });
    expect(await stageDatesShown(setup, "Pacific/Auckland")).toEqual(everywhere("2026-12-08", 0));

    // The next day in Auckland: one day in the stage on every page.
    vi.setSystemTime(new Date("2026-12-08T22:30:00Z"));
    expect(await stageDatesShown(setup, "Pacific/Auckland")).toEqual(everywhere("2026-12-08", 1));
  });

  it("a London clinician confirming late in the evening for a patient in Los Angeles enters the stage on the patient's date, not the clinician's", async () => {
    // 22:30 in London on 7 Dec is 14:30 on 7 Dec in Los Angeles.
    clockAt("2026-12-07T22:30:00Z");
    const setup = await pendingAdvanceFor("America/Los_Angeles");
    // Confirmed after midnight in London (7 Dec, 23:30 in Los Angeles): still 7 Dec for the patient.
    vi.setSystemTime(new Date("2026-12-08T07:30:00Z"));
    expect((await confirmDecision(setup.db, setup.clinician, setup.decisionId)).ok).toBe(true);
    const plan = await setup.db.selectFrom("plan").selectAll().where("id", "=", setup.planId).executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ current_stage_id: "build", stage_entered_on: "2026-12-07" });
    expect(await stageDatesShown(setup, "America/Los_Angeles")).toEqual(everywhere("2026-12-07", 0));
  });

  it("the session that earned the advance, confirmed the same day, does not count towards the new stage", async () => {
    clockAt("2026-12-07T22:30:00Z");
    const setup = await pendingAdvanceFor("Pacific/Auckland");
    expect((await confirmDecision(setup.db, setup.clinician, setup.decisionId)).ok).toBe(true);
    // The re-evaluation after confirming judged the new stage, on the patient's date (the clock is frozen, so the
    // decisions are told apart by stage, not by time).
    const evaluatedInBuild = await setup.db
      .selectFrom("decision")
      .select(["evaluated_for"])
      .where("plan_id", "=", setup.planId)
      .where("from_stage_id", "=", "build")
      .execute();
    expect(evaluatedInBuild).toEqual([{ evaluated_for: "2026-12-08" }]);
    const patient = {
      id: setup.cast.patientA.id,
      clinic_id: setup.cast.clinic.id,
      role: "patient" as const,
      time_zone: "Pacific/Auckland",
    };
    // The Sessions figure counts from the day after (nothing logged in the stage yet), as the engine's gates would.
    const progress = await progressView(setup.db, patient);
    expect(progress!.adherence).toMatchObject({ days: 0, done: 0, percent: null });
    expect(progress!.stageEnteredOn).toBe("2026-12-08");
  });
});
