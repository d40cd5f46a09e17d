import type { KyselyPlugin } from "kysely";
import { describe, expect, it } from "vitest";
import { addDays } from "~/engine/index.ts";
import * as triage from "~/routes/clinic._index/route.tsx";
import { TRIAGE_ROWS_SHOWN } from "~/routes/clinic._index/route.tsx";
import { todayIn } from "~/utils/dates.ts";
import { loadTriage } from "~/services/triage.server.ts";
import { startPlan } from "~/services/plan.server.ts";
import { createClinicProgram } from "~/services/program-editor.server.ts";
import { ProgramSchema } from "~/engine/index.ts";
import { getDb } from "~/utils/db.server.ts";
import { countRows, createClinician, createPatient } from "../../support/factories.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { clinicWithProgram, lastDays, planStartedDaysAgo, seedLogs, twoStageProgram } from "./fixtures.ts";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";

async function pendingAdvance() {
  const db = getDb();
  const cast = await clinicWithProgram(db);
  const { planId, today } = await planStartedDaysAgo(db, cast, 4);
  await seedLogs(db, { clinicId: cast.clinic.id, planId, patientId: cast.patientA.id, days: lastDays(today, 4, 2) });
  await run(
    patientPage.action,
    await postRequest(
      `/clinic/patients/${cast.patientA.id}`,
      { intent: "signoff", planId, itemId: "exam_clear", signedOn: today },
      { userId: cast.clinician.id },
    ),
    { patientId: cast.patientA.id },
  );
  const decision = await db
    .selectFrom("decision")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  return { cast, planId, today, decisionId: decision.id };
}

describe("the triage home", () => {
  it("puts a pending advance first with its check-by-check explanation, and a quiet patient under everyone else", async () => {
    const db = getDb();
    const { cast, today } = await pendingAdvance();
    // Patient B: on the program, logging every day with low pain, started yesterday: nothing to do.
    const program = ProgramSchema.parse({ ...twoStageProgram, id: cast.programId });
    const b = await startPlan(db, cast.clinician, {
      patientId: cast.patientB.id,
      program,
      startStageId: "load",
      startDate: addDays(today, -1),
      approvalMode: "confirm",
      involvedSide: "left",
    });
    if (!b.ok) throw new Error("plan B");
    await seedLogs(db, {
      clinicId: cast.clinic.id,
      planId: b.planId,
      patientId: cast.patientB.id,
      days: lastDays(today, 2, 1),
    });

    const res = await run(triage.loader, await getRequest("/clinic", { userId: cast.clinician.id }));
    expect(res.status).toBe(200);
    const first = res.data.needsAttention[0];
    expect(first.name).toBe("Patient A");
    expect(first.reasons[0].code).toBe("pending_advance");
    expect(first).toMatchObject({ stageNumber: 1, stageCount: 2, daysInStage: 4, lastPain: 2 });
    expect(first.painTrend.slice(-4)).toEqual([2, 2, 2, 2]);
    expect(first.decision.checks.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual(
      expect.arrayContaining([
        ["pain-ok", "met"],
        ["exam", "met"],
      ]),
    );
    expect(res.data.everyoneElse.map((r: { name: string }) => r.name)).toEqual(["Patient B"]);
  });

  it("flags a patient who has not logged for three days, and a regression with high pain", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId, today } = await planStartedDaysAgo(db, cast, 10);
    await seedLogs(db, {
      clinicId: cast.clinic.id,
      planId,
      patientId: cast.patientA.id,
      days: [{ date: addDays(today, -4), painDuring: 2 }],
    });
    // Patient B in stage 2 with a pain flare today: the regress rule applies at once.
    const program = ProgramSchema.parse({ ...twoStageProgram, id: cast.programId });
    const b = await startPlan(db, cast.clinician, {
      patientId: cast.patientB.id,
      program,
      startStageId: "build",
      startDate: addDays(today, -3),
      approvalMode: "confirm",
      involvedSide: "left",
    });
    if (!b.ok) throw new Error("plan B");
    await seedLogs(db, {
      clinicId: cast.clinic.id,
      planId: b.planId,
      patientId: cast.patientB.id,
      days: [{ date: today, painDuring: 8 }],
    });
    await run(
      patientPage.action,
      await postRequest(
        `/clinic/patients/${cast.patientB.id}`,
        { intent: "evaluate", planId: b.planId },
        { userId: cast.clinician.id },
      ),
      { patientId: cast.patientB.id },
    );

    const res = await loadTriage(db, cast.clinic.id, "Europe/London");
    const byName = Object.fromEntries(res.needsAttention.map((r) => [r.name, r.reasons.map((x) => x.code)]));
    expect(byName["Patient A"]).toContain("no_log");
    expect(byName["Patient B"]).toEqual(expect.arrayContaining(["regressed", "red_flag_pain"]));
    expect(res.needsAttention[0]!.name).toBe("Patient B");
  });

  it("runs the same number of queries for 3 plans as for 12 (no query per patient)", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const program = ProgramSchema.parse({ ...twoStageProgram, id: cast.programId });
    const today = "2026-01-20";
    const addPlans = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const p = await createPatient(db, cast.clinic.id, cast.clinician.id, { name: `Bulk ${i}` });
        const s = await startPlan(db, cast.clinician, {
          patientId: p.id,
          program,
          startStageId: "load",
          startDate: addDays(today, -5),
          approvalMode: "confirm",
          involvedSide: "right",
        });
        if (!s.ok) throw new Error("plan");
        await seedLogs(db, {
          clinicId: cast.clinic.id,
          planId: s.planId,
          patientId: p.id,
          days: lastDays(today, 3, 2),
        });
      }
    };
    const countQueries = async () => {
      let queries = 0;
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          queries++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      await loadTriage(db.withPlugin(counter), cast.clinic.id, "Europe/London");
      return queries;
    };
    await addPlans(3);
    const few = await countQueries();
    await addPlans(9);
    // Never more for 12 plans than for 3 (program outlines are cached, so later calls may need one query fewer).
    expect(await countQueries()).toBeLessThanOrEqual(few);
    // Subqueries are compiled (and counted) with their parent, so this is an upper bound on round trips.
    expect(few).toBeLessThanOrEqual(13);
  });

  it("shows the 20 most urgent with a link to all of them, so a big caseload stays one quick page", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const program = ProgramSchema.parse({ ...twoStageProgram, id: cast.programId });
    const today = todayIn("Europe/London");
    for (let i = 0; i < TRIAGE_ROWS_SHOWN + 1; i++) {
      const p = await createPatient(db, cast.clinic.id, cast.clinician.id, {
        name: `Silent ${String(i).padStart(2, "0")}`,
      });
      // Started ten days ago and never logged: each needs a look.
      const s = await startPlan(db, cast.clinician, {
        patientId: p.id,
        program,
        startStageId: "load",
        startDate: addDays(today, -10),
        approvalMode: "confirm",
        involvedSide: "right",
      });
      if (!s.ok) throw new Error("plan");
    }
    const first = await run(triage.loader, await getRequest("/clinic", { userId: cast.clinician.id }));
    expect(first.data.needsAttention).toHaveLength(TRIAGE_ROWS_SHOWN);
    expect(first.data.needsAttentionTotal).toBe(TRIAGE_ROWS_SHOWN + 1);
    expect(
      first.data.needsAttention.every((r: { reasons: Array<{ code: string }> }) =>
        r.reasons.some((x) => x.code === "no_log"),
      ),
    ).toBe(true);
    const all = await run(triage.loader, await getRequest("/clinic?show=all", { userId: cast.clinician.id }));
    expect(all.data.needsAttention).toHaveLength(TRIAGE_ROWS_SHOWN + 1);
    expect(all.data.showAll).toBe(true);
  });

  it("counts partly done sessions for 'Fewer sessions than last week' as the stage's adherence gate credits them", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    // The same program, except that its first stage's adherence gate counts a partly done session as a whole one.
    const fullCredit = ProgramSchema.parse({
      ...twoStageProgram,
      id: "test-two-stage-full-credit",
      stages: twoStageProgram.stages.map((st, i) =>
        i === 0
          ? {
              ...st,
              gates: [
                ...st.gates,
                { id: "adherence", kind: "adherence", windowDays: 14, threshold: 80, partialCredit: 1 },
              ],
            }
          : st,
      ),
    });
    const fullCreditId = await createClinicProgram(db, cast.clinician, fullCredit);
    const today = todayIn("Europe/London");
    const plans = [
      { patient: cast.patientA, program: ProgramSchema.parse({ ...twoStageProgram, id: cast.programId }) },
      { patient: cast.patientB, program: ProgramSchema.parse({ ...fullCredit, id: fullCreditId }) },
    ];
    for (const { patient, program } of plans) {
      const s = await startPlan(db, cast.clinician, {
        patientId: patient.id,
        program,
        startStageId: "load",
        startDate: addDays(today, -20),
        approvalMode: "confirm",
        involvedSide: "right",
      });
      if (!s.ok) throw new Error("plan");
      // Last week: four sessions done. This week: four sessions, each only partly done.
      const days = [...[13, 11, 9, 7], ...[6, 4, 2, 0]].map((ago) => ({ date: addDays(today, -ago), painDuring: 1 }));
      await seedLogs(db, { clinicId: cast.clinic.id, planId: s.planId, patientId: patient.id, days });
      await db
        .updateTable("daily_log")
        .set({ session_done: "partial" })
        .where("plan_id", "=", s.planId)
        .where("log_date", ">=", addDays(today, -6))
        .execute();
    }
    const res = await loadTriage(db, cast.clinic.id, "Europe/London");
    const falling = (name: string) =>
      [...res.needsAttention, ...res.everyoneElse]
        .find((r) => r.name === name)!
        .reasons.some((r) => r.code === "falling_adherence");
    // Default credit (half): 2 this week against 4 last week, a drop of two. Full credit: 4 against 4, no drop.
    expect(falling("Patient A")).toBe(true);
    expect(falling("Patient B")).toBe(false);
  });

  it("a patient who has not logged today's session yet is not listed as doing fewer sessions: today is not over", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const today = todayIn("Europe/London");
    const s = await startPlan(db, cast.clinician, {
      patientId: cast.patientA.id,
      program: ProgramSchema.parse({ ...twoStageProgram, id: cast.programId }),
      startStageId: "load",
      startDate: addDays(today, -20),
      approvalMode: "confirm",
      involvedSide: "right",
    });
    if (!s.ok) throw new Error("plan");
    // Every day from 13 days ago to 7 days ago, then every day but one up to yesterday; nothing logged today yet.
    // Counting today as a miss would make it 5 this week against 7 last week.
    const ago = [13, 12, 11, 10, 9, 8, 7, 6, 5, 3, 2, 1];
    const days = ago.map((n) => ({ date: addDays(today, -n), painDuring: 1 }));
    await seedLogs(db, { clinicId: cast.clinic.id, planId: s.planId, patientId: cast.patientA.id, days });
    const res = await loadTriage(db, cast.clinic.id, "Europe/London");
    const row = [...res.needsAttention, ...res.everyoneElse].find((r) => r.name === "Patient A")!;
    expect(row.reasons.map((r) => r.code)).not.toContain("falling_adherence");
  });

  it("shows an empty state to a clinic with nobody on a plan", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const res = await run(triage.loader, await getRequest("/clinic", { userId: cast.clinician.id }));
    expect(res.data.needsAttention).toEqual([]);
    expect(res.data.everyoneElse).toEqual([]);
    expect(res.data.withoutPlan).toBe(2);
  });

  it("never lists another clinic's patients", async () => {
    const { cast } = await pendingAdvance();
    const res = await run(triage.loader, await getRequest("/clinic", { userId: cast.other.clinician.id }));
    expect(res.data.needsAttention).toEqual([]);
    expect(res.data.everyoneElse).toEqual([]);
  });
});

describe("confirming from the triage home", () => {
  it("applies the advance and records who confirmed it", async () => {
    const { cast, planId, decisionId } = await pendingAdvance();
    const res = await run(triage.action, await postRequest("/clinic", { decisionId }, { userId: cast.clinician.id }));
    expect(res.status).toBe(200);
    const plan = await getDb().selectFrom("plan").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
    expect(plan.current_stage_id).toBe("build");
    const audit = await getDb()
      .selectFrom("audit_event")
      .selectAll()
      .where("entity_id", "=", decisionId)
      .where("action", "=", "decision.confirmed")
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(cast.clinician.id);
  });

  it("without a decision id answers 400 and changes nothing", async () => {
    const { cast } = await pendingAdvance();
    const audits = await countRows(getDb(), "audit_event");
    const res = await run(triage.action, await postRequest("/clinic", {}, { userId: cast.clinician.id }));
    expect(res.status).toBe(400);
    expect(await countRows(getDb(), "audit_event")).toBe(audits);
  });

  it("is 403 for a patient and 404 for another clinic's clinician, and the decision stays pending", async () => {
    const { cast, decisionId } = await pendingAdvance();
    expect(
      (await run(triage.action, await postRequest("/clinic", { decisionId }, { userId: cast.patientA.id }))).status,
    ).toBe(403);
    expect(
      (await run(triage.action, await postRequest("/clinic", { decisionId }, { userId: cast.other.clinician.id })))
        .status,
    ).toBe(404);
    const d = await getDb()
      .selectFrom("decision")
      .select("status")
      .where("id", "=", decisionId)
      .executeTakeFirstOrThrow();
    expect(d.status).toBe("pending");
  });

  it("a physio's home shows their own caseload, and the whole clinic's on request", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const program = ProgramSchema.parse({ ...twoStageProgram, id: cast.programId });
    const colleague = {
      ...(await createClinician(db, cast.clinic.id, { name: "Dr Colleague" })),
      time_zone: "Europe/London",
    };
    const theirs = await createPatient(db, cast.clinic.id, colleague.id, { name: "Colleague's patient" });
    const started = await startPlan(db, colleague, {
      patientId: theirs.id,
      program,
      startStageId: "load",
      startDate: "2026-01-01",
      approvalMode: "confirm",
      involvedSide: "left",
    });
    expect(started.ok).toBe(true);
    await startPlan(db, cast.clinician, {
      patientId: cast.patientA.id,
      program,
      startStageId: "load",
      startDate: "2026-01-01",
      approvalMode: "confirm",
      involvedSide: "left",
    });
    const names = (r: { data: { needsAttention: Array<{ name: string }>; everyoneElse: Array<{ name: string }> } }) =>
      [...r.data.needsAttention, ...r.data.everyoneElse].map((row) => row.name);

    const mine = await run(triage.loader, await getRequest("/clinic", { userId: colleague.id }));
    expect(mine.data.scope).toBe("mine");
    expect(names(mine)).toEqual(["Colleague's patient"]);
    const clinic = await run(triage.loader, await getRequest("/clinic?scope=clinic", { userId: colleague.id }));
    expect(names(clinic)).toEqual(expect.arrayContaining(["Colleague's patient", "Patient A"]));
  });
});
