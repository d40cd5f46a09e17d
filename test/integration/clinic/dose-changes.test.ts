import { describe, expect, it } from "vitest";
import type { Plan } from "~/db/types.ts";
import { runWriteBatch } from "~/db/write-batch.server.ts";
import type { Decision, DoseChange, ExerciseDose } from "~/engine/index.ts";
import { loadPlanFacts } from "~/models/facts.server.ts";
import { claimPlanVersion } from "~/models/plan.server.ts";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";
import * as todayPage from "~/routes/me._index.tsx";
import * as savedPage from "~/routes/me.log_.saved.tsx";
import * as progressPage from "~/routes/me.progress.tsx";
import { doseInputOf } from "~/services/dose-change.server.ts";
import { decidePlan, decisionWrites, programOfPlan } from "~/services/evaluation.server.ts";
import { loadTriage } from "~/services/triage.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { clinicWithProgram, planStartedDaysAgo, seedLogs } from "./fixtures.ts";

// The engine's dose changes applied in the app (docs/decisions/056-applying-dose-changes.md), through the real routes
// and services, on SQLite and (integration-pg) PostgreSQL. Until the engine's progression rules land, the decision
// carrying a dose change is the real engine's decision for the day with a DoseChange added, exactly as the engine
// will return it; it is then recorded by the app's own write path (decisionWrites).

const TZ = "Europe/London";
const pagePath = (patientId: string) => `/clinic/patients/${patientId}`;
type Cast = Awaited<ReturnType<typeof clinicWithProgram>>;

async function postAs(userId: string, patientId: string, form: Record<string, string>) {
  return run(patientPage.action, await postRequest(pagePath(patientId), form, { userId }), { patientId });
}

async function planRow(planId: string): Promise<Plan> {
  return getDb().selectFrom("plan").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
}

/** The physio tailors the heel raise to 3 × 10 with `kg` (through the page's dose form). */
function tailorForm(planId: string, doseVersion: number, kg: string, reason = "Start at what she can lift") {
  return {
    intent: "tailor-dose",
    planId,
    stageId: "load",
    target: "current",
    doseVersion: String(doseVersion),
    programVersion: "1",
    "exercises.0.exerciseId": "heel-raise",
    "exercises.0.origin": "program",
    "exercises.0.sets": "3",
    "exercises.0.reps": "10",
    "exercises.0.loadKg": kg,
    "exercises.0.loadText": "",
    "exercises.0.side": "both",
    doseReason: reason,
  };
}

/** The heel raise as the engine is given it today (the patient's own dose), as a DoseChange's `from`. */
async function heelRaiseDose(plan: Plan): Promise<ExerciseDose> {
  const facts = await loadPlanFacts(getDb(), plan, todayIn(TZ));
  const stage = programOfPlan(plan).stages.find((s) => s.id === plan.current_stage_id)!;
  const {
    source: _s,
    progression: _p,
    ...dose
  } = doseInputOf(plan, stage, facts.personalDose, TZ).prescription.exercises[0]!;
  return dose;
}

function increase(from: ExerciseDose, kg: number): DoseChange {
  return {
    part: "exercise",
    exerciseId: from.id,
    name: from.name,
    direction: "increase",
    ruleId: "heel-raise-load",
    reason: "progression",
    capped: false,
    checks: [],
    from,
    to: { ...from, load: { text: `${kg} kg`, kg } },
    patientText: `Your heel raises go up to ${kg} kg.`,
    clinicianText: "all sets done 3 sessions, pain ≤ 3, settled",
  };
}

/**
 * Today's real engine decision for the plan with the given dose changes, recorded through the app's write path (the
 * same batch an evaluation writes). Returns the decision's id and status.
 */
async function recordDecisionWith(planId: string, changes: DoseChange[], overrides: Partial<Decision> = {}) {
  const db = getDb();
  const plan = await planRow(planId);
  const today = todayIn(TZ);
  const facts = await loadPlanFacts(db, plan, today);
  const engine = decidePlan(plan, TZ, today, facts);
  const decision: Decision = {
    ...engine,
    outcome: "hold",
    toStageId: engine.fromStageId,
    ...overrides,
    doseChanges: changes,
  };
  const { writes, result } = decisionWrites(db, plan, decision, today, null, facts);
  const written = await runWriteBatch(db, [{ query: claimPlanVersion(db, plan), expectChanges: 1 }, ...writes]);
  expect(written.ok).toBe(true);
  return { decisionId: result.decisionId, status: result.status };
}

async function doseRows(planId: string) {
  return getDb().selectFrom("personal_dose").selectAll().where("plan_id", "=", planId).orderBy("version").execute();
}

async function auditsOf(planId: string, action: string) {
  return getDb()
    .selectFrom("audit_event")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("action", "=", action)
    .execute();
}

async function statusOf(decisionId: string) {
  const row = await getDb().selectFrom("decision").select("status").where("id", "=", decisionId).executeTakeFirst();
  return row?.status;
}

async function patientTodayHeelRaise(cast: Cast) {
  const res = await run(todayPage.loader, await getRequest("/me", { userId: cast.patientA.id }));
  expect(res.status).toBe(200);
  return res.data.view.exercises.find((e: { id?: string; name: string }) => e.name === "Heel raise");
}

/** A plan in stage 1 whose heel raise the physio tailored to 10 kg (dose version 1). */
async function tailoredTo10kg() {
  const db = getDb();
  const cast = await clinicWithProgram(db);
  const { planId } = await planStartedDaysAgo(db, cast, 10);
  const saved = await postAs(cast.clinician.id, cast.patientA.id, tailorForm(planId, 0, "10"));
  expect(saved.status).toBe(200);
  return { cast, planId };
}

describe("a physio confirms the engine's dose increase", () => {
  it("the hold carrying an increase waits for the physio; confirming writes a new dose version with an audit row, and the patient's Today shows 12.5 kg", async () => {
    const { cast, planId } = await tailoredTo10kg();
    const from = await heelRaiseDose(await planRow(planId));
    const { decisionId, status } = await recordDecisionWith(planId, [increase(from, 12.5)]);
    expect(status).toBe("pending");
    expect((await patientTodayHeelRaise(cast)).load).toMatchObject({ kg: 10 });

    // The patient page shows the change with its reason before it is confirmed.
    const page = await run(
      patientPage.loader,
      await getRequest(pagePath(cast.patientA.id), { userId: cast.clinician.id }),
      { patientId: cast.patientA.id },
    );
    const shown = page.data.decisions.find((d: { id: string }) => d.id === decisionId);
    expect(shown.doseChanges.map((c: { line: string }) => c.line)).toEqual([
      "Heel raise: 10 → 12.5 kg — all sets done 3 sessions, pain ≤ 3, settled",
    ]);

    const confirmed = await postAs(cast.clinician.id, cast.patientA.id, { intent: "confirm", decisionId });
    expect(confirmed.status).toBe(200);
    expect(await statusOf(decisionId)).toBe("applied");

    const rows = await doseRows(planId);
    expect(rows.map((r) => [r.version, r.cause, r.changed_by])).toEqual([
      [1, "tailored", cast.clinician.id],
      [2, "progression", cast.clinician.id],
    ]);
    expect(rows[1]!.reason).toContain("Heel raise: 10 → 12.5 kg");
    const [audit] = await auditsOf(planId, "plan.dose_changed");
    expect(audit!.actor_id).toBe(cast.clinician.id);
    expect(JSON.parse(audit!.detail!)).toMatchObject({
      decisionId,
      version: 2,
      automatic: false,
      changes: [
        {
          name: "Heel raise",
          direction: "increase",
          from: "3 × 10 · 10 kg · both sides",
          to: "3 × 10 · 12.5 kg · both sides",
        },
      ],
    });
    expect((await patientTodayHeelRaise(cast)).load).toMatchObject({ kg: 12.5 });
  });

  it("a decision confirmed once cannot apply its increase a second time (409, one version)", async () => {
    const { cast, planId } = await tailoredTo10kg();
    const from = await heelRaiseDose(await planRow(planId));
    const { decisionId } = await recordDecisionWith(planId, [increase(from, 12.5)]);
    expect((await postAs(cast.clinician.id, cast.patientA.id, { intent: "confirm", decisionId })).status).toBe(200);
    const again = await postAs(cast.clinician.id, cast.patientA.id, { intent: "confirm", decisionId });
    expect(again.status).toBe(409);
    expect(await doseRows(planId)).toHaveLength(2);
    expect((await patientTodayHeelRaise(cast)).load).toMatchObject({ kg: 12.5 });
  });

  it("a decision superseded by a newer evaluation is refused (409) and its dose change never applies", async () => {
    const { cast, planId } = await tailoredTo10kg();
    const from = await heelRaiseDose(await planRow(planId));
    const { decisionId } = await recordDecisionWith(planId, [increase(from, 12.5)]);
    // The physio presses "Evaluate now": the real engine (no progression rules in this program) holds, superseding it.
    expect((await postAs(cast.clinician.id, cast.patientA.id, { intent: "evaluate", planId })).status).toBe(200);
    expect(await statusOf(decisionId)).toBe("superseded");
    const confirmed = await postAs(cast.clinician.id, cast.patientA.id, { intent: "confirm", decisionId });
    expect(confirmed.status).toBe(409);
    expect(await doseRows(planId)).toHaveLength(1);
    expect(await auditsOf(planId, "plan.dose_changed")).toHaveLength(0);
  });

  it("a dose tailored after the recommendation makes its increase stale: confirming is refused and the tailored dose stays", async () => {
    const { cast, planId } = await tailoredTo10kg();
    const from = await heelRaiseDose(await planRow(planId));
    const { decisionId } = await recordDecisionWith(planId, [increase(from, 12.5)]);
    const retailored = await postAs(cast.clinician.id, cast.patientA.id, tailorForm(planId, 1, "7.5", "Sore today"));
    expect(retailored.status).toBe(200);
    const confirmed = await postAs(cast.clinician.id, cast.patientA.id, { intent: "confirm", decisionId });
    expect(confirmed.status).toBe(409);
    expect(confirmed.data.formError).toMatch(/dose changed since this recommendation/);
    expect(await statusOf(decisionId)).toBe("pending");
    expect((await patientTodayHeelRaise(cast)).load).toMatchObject({ kg: 7.5 });
  });

  it("overriding rejects the dose change: nothing is applied and the audit names what was turned down, with the reason", async () => {
    const { cast, planId } = await tailoredTo10kg();
    const from = await heelRaiseDose(await planRow(planId));
    const { decisionId } = await recordDecisionWith(planId, [increase(from, 12.5)]);
    const overridden = await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "override",
      decisionId,
      overrideReason: "Keep 10 kg until the race",
    });
    expect(overridden.status).toBe(200);
    expect(await doseRows(planId)).toHaveLength(1);
    const [audit] = await auditsOf(planId, "decision.overridden");
    expect(JSON.parse(audit!.detail!)).toMatchObject({
      reason: "Keep 10 kg until the race",
      rejectedDoseChanges: ["Heel raise: 10 → 12.5 kg — all sets done 3 sessions, pain ≤ 3, settled"],
    });
  });

  it("an increase never applies with a regress or a high-severity flag, even from a hand-made decision", async () => {
    const { cast, planId } = await tailoredTo10kg();
    const from = await heelRaiseDose(await planRow(planId));
    await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "dose-approval",
      planId,
      doseApprovalMode: "automatic",
    });
    const { status } = await recordDecisionWith(planId, [increase(from, 12.5)], {
      flags: [{ code: "red_flag_pain", severity: "high", message: "Pain 8/10" } as Decision["flags"][number]],
    });
    expect(status).toBe("info");
    expect(await doseRows(planId)).toHaveLength(1);
    expect((await patientTodayHeelRaise(cast)).load).toMatchObject({ kg: 10 });
  });
});

describe("the patient's answer after a log that changes their dose", () => {
  async function answerOf(cast: Cast, decisionId: string) {
    const today = todayIn(TZ);
    const res = await run(
      savedPage.loader,
      await getRequest(`/me/log/saved?date=${today}&decision=${decisionId}`, { userId: cast.patientA.id }),
    );
    expect(res.status).toBe(200);
    return res.data.view.answer as { advice: string | null };
  }

  it("an increase awaiting the physio says so and asks to keep the current dose; once applied it says what from today", async () => {
    const { cast, planId } = await tailoredTo10kg();
    const plan = await planRow(planId);
    await seedLogs(getDb(), {
      clinicId: cast.clinic.id,
      planId,
      patientId: cast.patientA.id,
      days: [{ date: todayIn(TZ), painDuring: 2 }],
    });
    const from = await heelRaiseDose(plan);
    const pending = await recordDecisionWith(planId, [increase(from, 12.5)]);
    expect((await answerOf(cast, pending.decisionId)).advice).toBe(
      "Your physio will look at a change to your dose (heel raise: 10 → 12.5 kg). Keep to your current dose until they confirm it.",
    );
    expect(
      (await postAs(cast.clinician.id, cast.patientA.id, { intent: "confirm", decisionId: pending.decisionId })).status,
    ).toBe(200);
    expect((await answerOf(cast, pending.decisionId)).advice).toBe("Your heel raises go up to 12.5 kg.");
  });
});

describe("the working load, for the physio and for the patient", () => {
  it("the physio's chart has the heel raise's prescribed kg day by day and the patient's Progress says from 0 to 12.5 kg", async () => {
    const { cast, planId } = await tailoredTo10kg();
    const from = await heelRaiseDose(await planRow(planId));
    const { decisionId } = await recordDecisionWith(planId, [increase(from, 12.5)]);
    expect((await postAs(cast.clinician.id, cast.patientA.id, { intent: "confirm", decisionId })).status).toBe(200);

    const page = await run(
      patientPage.loader,
      await getRequest(pagePath(cast.patientA.id), { userId: cast.clinician.id }),
      { patientId: cast.patientA.id },
    );
    const [heelRaise] = page.data.workingLoad;
    expect(heelRaise.name).toBe("Heel raise");
    // Ten days on the program's body-weight dose, then today on the patient's: 12.5 kg after the confirmed increase.
    const prescribed = heelRaise.prescribed.map((p: { value: number }) => p.value);
    expect(prescribed.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(prescribed.at(-1)).toBe(12.5);

    const progress = await run(progressPage.loader, await getRequest("/me/progress", { userId: cast.patientA.id }));
    expect(progress.data.view.loads).toEqual([{ name: "Heel raise", from: 0, to: 12.5 }]);
  });
});

describe("dose changes that apply automatically", () => {
  it("the setting is audited, and the next increase applies at once as a version by nobody (automatic), shown on Today", async () => {
    const { cast, planId } = await tailoredTo10kg();
    const set = await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "dose-approval",
      planId,
      doseApprovalMode: "automatic",
    });
    expect(set.status).toBe(200);
    const [settingAudit] = await auditsOf(planId, "plan.dose_approval_changed");
    expect(JSON.parse(settingAudit!.detail!)).toEqual({ from: "confirm", to: "automatic" });

    const from = await heelRaiseDose(await planRow(planId));
    const { status } = await recordDecisionWith(planId, [increase(from, 12.5)]);
    expect(status).toBe("applied");
    const rows = await doseRows(planId);
    expect(rows.at(-1)).toMatchObject({ version: 2, cause: "progression", changed_by: null });
    const [audit] = await auditsOf(planId, "plan.dose_changed");
    expect(audit!.actor_id).toBeNull();
    expect(JSON.parse(audit!.detail!)).toMatchObject({ automatic: true });
    expect((await patientTodayHeelRaise(cast)).load).toMatchObject({ kg: 12.5 });
  });

  it("a nonsense setting is a field error and changes nothing", async () => {
    const { cast, planId } = await tailoredTo10kg();
    const res = await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "dose-approval",
      planId,
      doseApprovalMode: "sometimes",
    });
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors.doseApprovalMode).toMatch(/Choose how dose changes are approved/);
    expect((await planRow(planId)).dose_approval_mode).toBe("confirm");
  });
});

describe("triage lists dose changes awaiting the physio", () => {
  it("shows the patient with each pending change and its reason", async () => {
    const { cast, planId } = await tailoredTo10kg();
    const from = await heelRaiseDose(await planRow(planId));
    await recordDecisionWith(planId, [increase(from, 12.5)]);
    const triage = await loadTriage(getDb(), cast.clinician.clinic_id, TZ);
    const row = triage.needsAttention.find((r) => r.patientId === cast.patientA.id);
    expect(row?.reasons[0]?.label).toBe("Dose change awaiting you");
    expect(row?.doseChanges).toEqual(["Heel raise: 10 → 12.5 kg — all sets done 3 sessions, pain ≤ 3, settled"]);
  });
});

describe("confirming a dose change while a colleague tailors the same dose", () => {
  it("one wins and the other is told; the dose is never built on a stale read (12 rounds)", async () => {
    for (let round = 0; round < 12; round++) {
      const { cast, planId } = await tailoredTo10kg();
      const from = await heelRaiseDose(await planRow(planId));
      const { decisionId } = await recordDecisionWith(planId, [increase(from, 12.5)]);
      const [confirm, tailor] = await Promise.all([
        postAs(cast.clinician.id, cast.patientA.id, { intent: "confirm", decisionId }),
        postAs(cast.clinician.id, cast.patientA.id, tailorForm(planId, 1, "5", "Flared up")),
      ]);
      const statuses = [confirm.status, tailor.status];
      expect(
        statuses.filter((s) => s === 200),
        `round ${round}: ${statuses.join(",")}`,
      ).toHaveLength(1);
      expect(
        statuses.filter((s) => s === 409),
        `round ${round}`,
      ).toHaveLength(1);
      const rows = await doseRows(planId);
      expect(rows, `round ${round}`).toHaveLength(2);
      const kg = (await patientTodayHeelRaise(cast)).load.kg;
      expect(kg, `round ${round}`).toBe(confirm.status === 200 ? 12.5 : 5);
    }
  });
});
