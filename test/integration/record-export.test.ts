import { describe, expect, it } from "vitest";
import * as clinicExport from "~/routes/clinic.patients.$patientId.export.$format.ts";
import * as meExport from "~/routes/me.export.$format.ts";
import { evaluatePlan } from "~/services/evaluation.server.ts";
import { startPlan } from "~/services/plan.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { insertMessage } from "~/models/message.server.ts";
import { insertPersonalDose } from "~/models/personal-dose.server.ts";
import { newId } from "~/utils/ids.server.ts";
import { loadBuiltInProgram } from "~/programs/index.ts";
import { createClinicWithCast } from "../support/factories.ts";
import { fhirErrors } from "../support/fhir-validator.ts";
import { getRequest, run } from "../support/requests.ts";

async function patientWithHistory() {
  const db = getDb();
  const cast = await createClinicWithCast(db, "Export clinic");
  const program = loadBuiltInProgram("achilles-silbernagel-2007")!;
  const started = await startPlan(db, cast.clinician, {
    patientId: cast.patientA.id,
    program,
    startStageId: program.stages[0]!.id,
    startDate: "2026-11-01",
    approvalMode: "confirm",
    involvedSide: "right",
    goalText: "Run 10 km pain-free",
    goalTargetDate: "2027-03-01",
  });
  if (!started.ok) throw new Error("plan did not start");
  const base = {
    clinic_id: cast.clinic.id,
    plan_id: started.planId,
    patient_id: cast.patientA.id,
    created_at: "2026-11-10T10:00:00Z",
  };
  for (const [i, date] of ["2026-11-08", "2026-11-09", "2026-11-10"].entries()) {
    await db
      .insertInto("daily_log")
      .values({
        ...base,
        id: newId(),
        log_date: date,
        morning_pain: 2,
        morning_stiffness: 3,
        session_done: "done",
        pain_during: 3 + i,
        pain_after: 2,
        pain_at_rest: null,
        session_minutes: 30,
        session_rpe: 4,
        running_minutes: null,
        swelling: null,
        soreness: null,
        exercises: null,
        other_activities: null,
        test_pain: null,
        notes: i === 0 ? '=HYPERLINK("http://evil")' : null,
        updated_at: base.created_at,
      })
      .execute();
  }
  await db
    .insertInto("measurement")
    .values([
      {
        ...base,
        id: newId(),
        measured_on: "2026-11-09",
        measure: "single_leg_heel_raise_reps",
        side: "right",
        value: 12,
        answers: null,
        recorded_by: cast.clinician.id,
      },
      {
        ...base,
        id: newId(),
        measured_on: "2026-11-09",
        measure: "visa_a",
        side: null,
        value: 64,
        answers: JSON.stringify({ q1: 6, q2: 7 }),
        recorded_by: cast.patientA.id,
      },
    ])
    .execute();
  const plan = await db.selectFrom("plan").selectAll().where("id", "=", started.planId).executeTakeFirstOrThrow();
  await evaluatePlan(db, { plan, timeZone: "Europe/London", actor: null, today: "2026-11-10" });
  return cast;
}

/** Every `reference` anywhere in the bundle. */
function references(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => references(v, found));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "reference" && typeof v === "string") found.push(v);
      else references(v, found);
    }
  }
  return found;
}

/** The patient's seated heel raise tailored by the physio to 10 kg, then raised to 12.5 kg by the engine (automatic). */
async function withDoseHistory(cast: Awaited<ReturnType<typeof patientWithHistory>>) {
  const db = getDb();
  const plan = await db
    .selectFrom("plan")
    .selectAll()
    .where("patient_id", "=", cast.patientA.id)
    .executeTakeFirstOrThrow();
  const seated = (kg: number) => ({
    exerciseId: "seated-heel-raise",
    origin: "program" as const,
    dropped: false,
    dose: {
      id: "seated-heel-raise",
      name: "Seated heel raise",
      sets: 3,
      reps: 10,
      perWeek: 7,
      side: "involved" as const,
      load: { text: `${kg} kg`, kg },
    },
  });
  const version = {
    clinicId: cast.clinic.id,
    planId: plan.id,
    stageId: plan.current_stage_id,
    stageEnteredOn: plan.stage_entered_on,
    programVersion: plan.program_version,
    run: null,
  };
  await insertPersonalDose(db, {
    ...version,
    version: 1,
    exercises: [seated(10)],
    cause: "tailored",
    reason: "Strong calf: start loaded",
    changedBy: cast.clinician.id,
  });
  await insertPersonalDose(db, {
    ...version,
    version: 2,
    exercises: [seated(12.5)],
    cause: "progression",
    reason: "Seated heel raise: 10 → 12.5 kg — all sets done 3 sessions",
    changedBy: null,
  });
}

/** One message each way on the patient's plan: the patient asks, the physio answers. */
async function withMessages(cast: Awaited<ReturnType<typeof patientWithHistory>>) {
  const db = getDb();
  const plan = await db
    .selectFrom("plan")
    .select("id")
    .where("patient_id", "=", cast.patientA.id)
    .executeTakeFirstOrThrow();
  const common = { clinicId: cast.clinic.id, planId: plan.id, patientId: cast.patientA.id };
  await insertMessage(db, {
    ...common,
    id: newId(),
    authorId: cast.patientA.id,
    authorRole: "patient",
    body: "Can I run on Saturday?",
    createdAt: "2026-11-05T08:00:00.000Z",
  });
  await insertMessage(db, {
    ...common,
    id: newId(),
    authorId: cast.clinician.id,
    authorRole: "clinician",
    body: "Yes, if the hop test is under 2/10.",
    createdAt: "2026-11-05T12:00:00.000Z",
  });
}

describe("record export", () => {
  it("the messages with the physio are in the CSV and in the FHIR bundle as Communications, which stays valid", async () => {
    const cast = await patientWithHistory();
    await withMessages(cast);
    const csv = await run(meExport.loader, await getRequest("/me/export/csv", { userId: cast.patientA.id }), {
      format: "csv",
    });
    const messageLines = String(csv.data)
      .split("\n")
      .filter((l) => l.includes(",message,"));
    expect(messageLines).toHaveLength(2);
    expect(messageLines[0]).toContain("Can I run on Saturday?");
    expect(messageLines[1]).toContain("Message from physio Dr Test Clinician");

    const fhir = await run(meExport.loader, await getRequest("/me/export/fhir", { userId: cast.patientA.id }), {
      format: "fhir",
    });
    expect(fhirErrors(fhir.data)).toEqual([]);
    const messages = fhir.data.entry
      .map((e: { resource: { resourceType: string } }) => e.resource)
      .filter(
        (r: { resourceType: string; payload?: Array<{ contentString: string }> }) =>
          r.resourceType === "Communication" && r.payload?.[0]?.contentString.includes("?"),
      );
    expect(messages).toHaveLength(1);
    const answer = fhir.data.entry
      .map((e: { resource: { payload?: Array<{ contentString: string }> } }) => e.resource)
      .find((r: { payload?: Array<{ contentString: string }> }) => r.payload?.[0]?.contentString.startsWith("Yes, if"));
    expect(answer).toMatchObject({
      resourceType: "Communication",
      status: "completed",
      sent: "2026-11-05T12:00:00.000Z",
    });
    const fullUrls = new Set(fhir.data.entry.map((e: { fullUrl: string }) => e.fullUrl));
    expect(fullUrls.has(answer.sender.reference)).toBe(true);
    for (const ref of references(fhir.data)) expect(fullUrls.has(ref), ref).toBe(true);
  });

  it("the dose history is in the CSV (date, stage, exercise, from → to, cause, who) and in a FHIR bundle that stays valid", async () => {
    const cast = await patientWithHistory();
    await withDoseHistory(cast);
    const csv = await run(meExport.loader, await getRequest("/me/export/csv", { userId: cast.patientA.id }), {
      format: "csv",
    });
    const doseLines = String(csv.data)
      .split("\n")
      .filter((l) => l.includes(",dose,"));
    expect(doseLines).toHaveLength(2);
    expect(doseLines[0]).toContain(
      "Dose: Seated heel raise,,3 × 10 · 7×/week · painful side -> 3 × 10 · 10 kg · 7×/week · painful side",
    );
    expect(doseLines[0]).toContain(
      `Phase 1 — Symptom management; tailored by the physio; by Dr Test Clinician; version 1; reason: Strong calf: start loaded`,
    );
    expect(doseLines[1]).toContain(
      "3 × 10 · 10 kg · 7×/week · painful side -> 3 × 10 · 12.5 kg · 7×/week · painful side",
    );
    expect(doseLines[1]).toContain("progression rule; by the engine (automatic); version 2");

    const fhir = await run(meExport.loader, await getRequest("/me/export/fhir", { userId: cast.patientA.id }), {
      format: "fhir",
    });
    expect(fhirErrors(fhir.data)).toEqual([]);
    const doses = fhir.data.entry
      .map((e: { resource: { resourceType: string; activity?: { text: string } } }) => e.resource)
      .filter(
        (r: { resourceType: string; activity?: { text?: string } }) =>
          r.resourceType === "Provenance" && r.activity?.text?.startsWith("dose "),
      );
    expect(doses.map((d: { activity: { text: string } }) => d.activity.text)).toEqual([
      expect.stringContaining("dose tailored ("),
      expect.stringContaining(
        "Seated heel raise 3 × 10 · 10 kg · 7×/week · painful side → 3 × 10 · 12.5 kg · 7×/week · painful side",
      ),
    ]);
    expect(doses[1].agent[0].type.text).toBe("applied automatically");
    const fullUrls = new Set(fhir.data.entry.map((e: { fullUrl: string }) => e.fullUrl));
    for (const ref of references(fhir.data)) expect(fullUrls.has(ref), ref).toBe(true);
  });

  it("a patient downloads their record as a FHIR R4 Bundle whose resources are complete and whose references resolve", async () => {
    const cast = await patientWithHistory();
    const res = await run(meExport.loader, await getRequest("/me/export/fhir", { userId: cast.patientA.id }), {
      format: "fhir",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/application\/fhir\+json/);
    const bundle = res.data;
    expect(bundle.resourceType).toBe("Bundle");
    expect(bundle.type).toBe("collection");
    expect(fhirErrors(bundle)).toEqual([]);

    const resources = bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource);
    const ofType = (t: string) => resources.filter((r: { resourceType: string }) => r.resourceType === t);
    expect(new Set(resources.map((r: { resourceType: string }) => r.resourceType))).toEqual(
      new Set([
        "Patient",
        "Practitioner",
        "Device",
        "Condition",
        "Communication",
        "Goal",
        "CarePlan",
        "Observation",
        "QuestionnaireResponse",
        "Provenance",
      ]),
    );
    const fullUrls = new Set(bundle.entry.map((e: { fullUrl: string }) => e.fullUrl));
    for (const ref of references(bundle)) expect(fullUrls.has(ref), ref).toBe(true);

    const [carePlan] = ofType("CarePlan");
    expect(carePlan).toMatchObject({ status: "active", intent: "plan", subject: { reference: expect.any(String) } });
    expect(carePlan.activity).toHaveLength(4); // the four Silbernagel phases
    expect(carePlan.activity.map((a: { detail: { status: string } }) => a.detail.status)).toEqual([
      "in-progress",
      "not-started",
      "not-started",
      "not-started",
    ]);
    const pain = ofType("Observation").filter((o: { code: { coding?: Array<{ code: string }> } }) =>
      o.code.coding?.some((c) => c.code === "72514-3"),
    );
    expect(pain).toHaveLength(9); // 3 days × (morning, during, after)
    for (const o of pain) {
      expect(o.status).toBe("final");
      expect(Number.isInteger(o.valueInteger)).toBe(true);
      expect(o.valueInteger).toBeGreaterThanOrEqual(0);
      expect(o.valueInteger).toBeLessThanOrEqual(10);
    }
    const [questionnaire] = ofType("QuestionnaireResponse");
    expect(questionnaire.status).toBe("completed");
    expect(questionnaire.item[0].answer[0].valueDecimal).toBe(64);
    // Named as clinicians name them (the engine's names), not by their storage ids.
    expect(questionnaire.item[0].text).toBe("VISA-A total score");
    const heelRaises = ofType("Observation").find(
      (o: { valueQuantity?: { value: number } }) => o.valueQuantity?.value === 12,
    );
    expect(heelRaises.code.text).toBe("single-leg heel raises");
    for (const p of ofType("Provenance")) {
      expect(p.target.length).toBeGreaterThan(0);
      expect(p.recorded).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(p.agent[0].who.reference).toBeTruthy();
    }
    for (const g of ofType("Goal"))
      expect(g).toMatchObject({ lifecycleStatus: "active", description: { text: "Run 10 km pain-free" } });
  });

  it("the CSV has one row per value, and spreadsheet formulas in notes are neutralised", async () => {
    const cast = await patientWithHistory();
    const res = await run(meExport.loader, await getRequest("/me/export/csv", { userId: cast.patientA.id }), {
      format: "csv",
    });
    expect(res.status).toBe(200);
    const lines = String(res.data).trim().split("\n");
    expect(lines[0]).toBe("date,record,item,side,value,detail");
    expect(lines.some((l) => l.includes("Pain during exercise (0-10),,5"))).toBe(true);
    expect(lines.some((l) => l.includes("measurement,VISA-A,,64"))).toBe(true);
    expect(String(res.data)).not.toMatch(/,"?=HYPERLINK/);
    expect(String(res.data)).toContain("'=HYPERLINK");
  });

  it("a clinician of the patient's clinic can export; a clinician of another clinic gets 404; a patient gets 403", async () => {
    const cast = await patientWithHistory();
    const other = await createClinicWithCast(getDb(), "Other clinic");
    const params = { patientId: cast.patientA.id, format: "csv" };
    const path = `/clinic/patients/${cast.patientA.id}/export/csv`;
    expect((await run(clinicExport.loader, await getRequest(path, { userId: cast.clinician.id }), params)).status).toBe(
      200,
    );
    expect(
      (await run(clinicExport.loader, await getRequest(path, { userId: other.clinician.id }), params)).status,
    ).toBe(404);
    expect((await run(clinicExport.loader, await getRequest(path, { userId: cast.patientB.id }), params)).status).toBe(
      403,
    );
    expect(
      (await run(meExport.loader, await getRequest("/me/export/pdf", { userId: cast.patientA.id }), { format: "pdf" }))
        .status,
    ).toBe(404);
  });
});
