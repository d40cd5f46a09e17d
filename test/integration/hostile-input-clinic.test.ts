import { describe, expect, it } from "vitest";
import * as clinicAccount from "~/routes/clinic.account.tsx";
import * as triage from "~/routes/clinic._index/route.tsx";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";
import * as newPatient from "~/routes/clinic.patients.new.tsx";
import * as editProgram from "~/routes/clinic.programs.$programId.edit.tsx";
import * as programs from "~/routes/clinic.programs._index.tsx";
import * as newProgram from "~/routes/clinic.programs.new.tsx";
import { programToForm } from "~/schemas/program-form/program-to-form.ts";
import { getDb } from "~/utils/db.server.ts";
import { TEST_PASSWORD } from "../support/factories.ts";
import { postRequest, run } from "../support/requests.ts";
import { clinicWithProgram, lastDays, planStartedDaysAgo, seedLogs, twoStageProgram } from "./clinic/fixtures.ts";
import { hammer, toForm, totals, type Form, type Target } from "./hostile-input-harness.ts";

function flatten(value: unknown, prefix = "", out: Array<[string, string]> = []): Form {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}${prefix ? "." : ""}${i}`, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}${prefix ? "." : ""}${k}`, out);
  else out.push([prefix, value === undefined || value === null ? "" : String(value)]);
  return out;
}

/** A fresh clinic per intent, with patient A's plan holding a pending advance, so each intent meets a live state. */
async function scene() {
  const db = getDb();
  const cast = await clinicWithProgram(db);
  const { planId, today } = await planStartedDaysAgo(db, cast, 4);
  await seedLogs(db, { clinicId: cast.clinic.id, planId, patientId: cast.patientA.id, days: lastDays(today, 4, 2) });
  const signed = await run(
    patientPage.action,
    await postRequest(
      `/clinic/patients/${cast.patientA.id}`,
      { intent: "signoff", planId, itemId: "exam_clear", signedOn: today },
      { userId: cast.clinician.id },
    ),
    { patientId: cast.patientA.id },
  );
  expect(signed.status).toBe(200);
  const decision = await db
    .selectFrom("decision")
    .select("id")
    .where("plan_id", "=", planId)
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  return { cast, planId, today, decisionId: decision.id };
}

const INTENTS = (s: Awaited<ReturnType<typeof scene>>): Record<string, Record<string, string>> => ({
  "start-plan": {
    programId: s.cast.programId,
    startStageId: "",
    startDate: s.today,
    approvalMode: "confirm",
    goalText: "Run again",
    goalActivity: "running",
    goalTargetDate: "",
  },
  pause: { planId: s.planId },
  resume: { planId: s.planId },
  discharge: { planId: s.planId },
  evaluate: { planId: s.planId },
  "reissue-invite": {},
  confirm: { decisionId: s.decisionId },
  override: { decisionId: s.decisionId, overrideReason: "Wants another week" },
  "move-stage": { planId: s.planId, stageId: "build", moveReason: "Ahead of schedule" },
  "move-version": { planId: s.planId, version: "1" },
  capacity: { planId: s.planId, measure: "single_leg_heel_raise_reps", testedOn: s.today, left: "25", right: "18" },
  questionnaire: { planId: s.planId, instrument: "visa_a", answeredOn: s.today, score: "70" },
  signoff: { planId: s.planId, itemId: "exam_clear", signedOn: s.today, note: "" },
  "tailor-dose": {
    planId: s.planId,
    stageId: "load",
    target: "current",
    doseVersion: "0",
    programVersion: "1",
    "exercises.0.exerciseId": "heel-raise",
    "exercises.0.origin": "program",
    "exercises.0.sets": "2",
    "exercises.0.reps": "10",
    "exercises.0.drop": "",
    "exercises.0.side": "both",
    "exercises.1.origin": "new",
    "exercises.1.name": "Seated calf raise",
    "exercises.1.reps": "20",
    "exercises.1.side": "involved",
    doseReason: "Start lighter",
  },
  "dose-approval": { planId: s.planId, doseApprovalMode: "automatic" },
  "no-such-intent": { planId: s.planId },
});

describe("hostile input: clinician actions", () => {
  it("never a 5xx, a throw, a partial row or a polluted prototype", async () => {
    const summary: Record<string, Record<number, number>> = {};
    const intents = Object.keys(INTENTS(await scene()));
    for (const intent of intents) {
      const s = await scene();
      // Patient B has no plan: start-plan is posted for them so a valid run can really start one.
      const patient = intent === "start-plan" ? s.cast.patientB : s.cast.patientA;
      const t: Target = {
        name: `patient page ${intent}`,
        action: patientPage.action,
        path: `/clinic/patients/${patient.id}`,
        params: { patientId: patient.id },
        userId: s.cast.clinician.id,
        base: toForm({ intent, ...INTENTS(s)[intent]! }),
        hasFields: true,
      };
      summary[t.name] = await hammer(t);
    }

    const s = await scene();
    const c = s.cast.clinician.id;
    const program = flatten(programToForm({ ...twoStageProgram, id: "hostile-program" }));
    const targets: Target[] = [
      {
        name: "triage confirm",
        action: triage.action,
        path: "/clinic",
        userId: c,
        base: toForm({ decisionId: s.decisionId }),
        hasFields: true,
      },
      {
        name: "new patient",
        action: newPatient.action,
        path: "/clinic/patients/new",
        userId: c,
        base: toForm({
          name: "New Patient",
          email: "new.patient@example.test",
          timeZone: "Europe/London",
          condition: "Patellar tendinopathy",
          involvedSide: "left",
          injuryDate: "",
          surgeryDate: "",
        }),
        hasFields: true,
      },
      {
        name: "new program",
        action: newProgram.action,
        path: "/clinic/programs/new",
        userId: c,
        base: program,
        hasFields: true,
      },
      {
        name: "edit program",
        action: editProgram.action,
        path: `/clinic/programs/${s.cast.programId}/edit`,
        params: { programId: s.cast.programId },
        userId: c,
        base: program,
        hasFields: true,
      },
      {
        name: "duplicate program",
        action: programs.action,
        path: "/clinic/programs",
        userId: c,
        base: toForm({ sourceId: s.cast.programId }),
        hasFields: true,
      },
      {
        name: "clinic account",
        action: clinicAccount.action,
        path: "/clinic/account",
        userId: s.cast.other.clinician.id,
        base: toForm({
          currentPassword: TEST_PASSWORD,
          newPassword: "a much longer password",
          confirmPassword: "a much longer password",
        }),
        mayWriteOn4xx: ["sign_in_throttle"],
        hasFields: true,
      },
    ];
    for (const t of targets) summary[t.name] = await hammer(t);
    console.info("hostile input (clinic side):", JSON.stringify({ totals, summary }));
  }, 180_000);
});
