import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, isPostgresUrl, type DB } from "~/db/client.server.ts";
import { addDays, ProgramSchema } from "~/engine/index.ts";
import { DailyLogSchema } from "~/schemas/daily-log.ts";
import { NewPatientSchema } from "~/schemas/patient.ts";
import { saveDailyLog } from "~/services/daily-log.server.ts";
import { confirmDecision } from "~/services/decision-review.server.ts";
import { reevaluate } from "~/services/plan-change.server.ts";
import { createPatientWithInvite } from "~/services/patient-enrolment.server.ts";
import { startPlan } from "~/services/plan.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from "../../db/seed/demo.ts";
import { createClinicWithCast } from "../support/factories.ts";

// Issue 17: races between requests, and between two app instances (two Kysely instances: on PostgreSQL two connection
// pools, on SQLite two writers on one file), run for real with Promise.all over several rounds. The assertions are
// invariants that must hold whichever request wins; nothing depends on timing.

const ROUNDS = 5;
const ORIGIN = "http://localhost";

// Two stages: one session with pain ≤ 3 proposes the advance; the clinician confirms it.
const program = ProgramSchema.parse({
  id: "race-test",
  version: 1,
  name: "Race test program",
  condition: "Test",
  summary: "For concurrency tests.",
  painModel: {
    name: "test",
    duringMax: 5,
    afterMax: null,
    inclusive: true,
    settleBy: "none",
    weekOnWeek: "none",
    redFlagPain: 8,
  },
  citations: [],
  minDaysAfterRegress: 2,
  stages: ["one", "two"].map((id) => ({
    id,
    name: `Stage ${id}`,
    goal: "Load the tissue",
    instructions: "Do the exercises.",
    minDays: 0,
    prescription: { exercises: [{ id: "squat", name: "Squat", sets: 3, reps: 10, side: "both" }] },
    gates: [
      {
        id: "low-pain",
        kind: "pain",
        metric: "during",
        aggregate: "max",
        window: { sessions: 1 },
        comparator: "lte",
        threshold: 3,
      },
    ],
    regressRules: [],
  })),
});

const instances: DB[] = [];
function secondInstance(): DB {
  const db = createDb(process.env.DATABASE_URL!);
  instances.push(db);
  return db;
}
afterAll(async () => {
  await Promise.all(instances.map((db) => db.destroy()));
});

async function planWithPendingAdvance(db: DB) {
  const cast = await createClinicWithCast(db);
  const today = todayIn("Europe/London");
  const started = await startPlan(db, cast.clinician, {
    patientId: cast.patientA.id,
    program,
    startStageId: "one",
    startDate: addDays(today, -3),
    approvalMode: "confirm",
    involvedSide: "right",
  });
  if (!started.ok) throw new Error("plan did not start");
  const patient = { ...cast.patientA, time_zone: "Europe/London" };
  const clinician = { ...cast.clinician, time_zone: "Europe/London" };
  const saved = await saveDailyLog(db, patient, logOf(today, 2));
  if (!saved.ok || !saved.decisionId) throw new Error("no decision");
  return { cast, patient, clinician, planId: started.planId, today, pendingId: saved.decisionId };
}

function logOf(date: string, painDuring: number) {
  return DailyLogSchema.parse({
    date,
    sessionDone: "done",
    painDuring: String(painDuring),
    painAfter: "1",
    sessionMinutes: "30",
    sessionRpe: "4",
  });
}

async function afterTurns<T>(turns: number, run: () => Promise<T>): Promise<T> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
  return run();
}

async function planState(db: DB, planId: string) {
  const plan = await db.selectFrom("plan").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
  const decisions = await db
    .selectFrom("decision")
    .select(["id", "status", "outcome", "from_stage_id", "to_stage_id", "evaluated_for"])
    .where("plan_id", "=", planId)
    .execute();
  return { plan, decisions, pending: decisions.filter((d) => d.status === "pending") };
}

describe("concurrent writes (issue 17)", () => {
  it("a clinician confirming an advance while the patient edits the same day's log leaves no stale pending advance", async () => {
    const db = getDb();
    const other = secondInstance();
    for (let round = 0; round < 16; round++) {
      const { patient, clinician, planId, today, pendingId } = await planWithPendingAdvance(db);
      // The save starts 0…n event-loop turns after the confirm, so the rounds cover the interleavings (no timing asserted).
      const [confirmed, saved] = await Promise.all([
        confirmDecision(other, clinician, pendingId),
        afterTurns(round % 8, () => saveDailyLog(db, patient, logOf(today, 2))),
      ]);
      expect(saved.ok).toBe(true);
      // Either the confirm went first (the save then evaluated on stage two), or the save superseded the decision
      // first (the confirm answered 409 and changed nothing).
      if (!confirmed.ok) expect(confirmed.status).toBe(409);
      const { plan, pending } = await planState(db, planId);
      expect(plan.current_stage_id).toBe(confirmed.ok ? "two" : "one");
      expect(pending.length).toBeLessThanOrEqual(1);
      // A pending decision always starts from the stage the plan is in: never a stale "advance from one" on stage two.
      for (const d of pending) expect(d.from_stage_id).toBe(plan.current_stage_id);
    }
  });

  it("two “Evaluate now” at once, from two instances, leave one pending decision and one version step each", async () => {
    const db = getDb();
    const other = secondInstance();
    for (let round = 0; round < ROUNDS; round++) {
      const { clinician, planId } = await planWithPendingAdvance(db);
      const before = await planState(db, planId);
      const results = await Promise.all([
        reevaluate(db, clinician, planId, "Europe/London"),
        reevaluate(other, clinician, planId, "Europe/London"),
      ]);
      const { plan, pending, decisions } = await planState(db, planId);
      expect(pending).toHaveLength(1);
      expect(results.map((r) => r?.decisionId)).toContain(pending[0]!.id);
      // Each evaluation was written once, on its own version of the plan: no lost or doubled write.
      expect(plan.version).toBe(before.plan.version + 2);
      expect(decisions.length).toBe(before.decisions.length + 2);
    }
  });

  it("eight saves of the same day and four evaluations of one plan at once, from two instances, all succeed: one log, every edit counted, one pending decision", async () => {
    const db = getDb();
    const other = secondInstance();
    const { patient, clinician, planId, today } = await planWithPendingAdvance(db);
    const before = await planState(db, planId);
    // More writers to one plan than a redo can absorb: some lose their version check twice and run with the plan locked.
    const results = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => saveDailyLog(i % 2 ? other : db, patient, logOf(today, 1 + (i % 2)))),
      ...Array.from({ length: 4 }, (_, i) => reevaluate(i % 2 ? other : db, clinician, planId, "Europe/London")),
    ]);
    expect(results.every((r) => r !== null && (!("ok" in r) || r.ok))).toBe(true);
    const logs = await db.selectFrom("daily_log").selectAll().where("plan_id", "=", planId).execute();
    expect(logs).toHaveLength(1);
    // The day was saved once before and eight times now: each save is one edit, none lost.
    expect(logs[0]!.edit_count).toBe(8);
    const { plan, pending, decisions } = await planState(db, planId);
    expect(pending).toHaveLength(1);
    expect(decisions.length).toBe(before.decisions.length + 12);
    expect(plan.version).toBe(before.plan.version + 12);
  });

  it("confirming a superseded decision answers 409 and changes nothing", async () => {
    const db = getDb();
    const { clinician, planId, pendingId } = await planWithPendingAdvance(db);
    await reevaluate(db, clinician, planId, "Europe/London"); // supersedes pendingId
    const before = await planState(db, planId);
    const audits = async () =>
      (await db.selectFrom("audit_event").select("id").where("plan_id", "=", planId).execute()).length;
    const auditsBefore = await audits();
    const result = await confirmDecision(db, clinician, pendingId);
    expect(result).toMatchObject({ ok: false, status: 409 });
    const after = await planState(db, planId);
    expect(after.plan).toEqual(before.plan);
    expect(after.decisions).toEqual(before.decisions);
    expect(await audits()).toBe(auditsBefore);
  });

  it("a double-submitted “add patient” creates one patient and answers the other with a field error", async () => {
    const db = getDb();
    const other = secondInstance();
    for (let round = 0; round < ROUNDS; round++) {
      const { clinician } = await createClinicWithCast(db);
      const inviting = { ...clinician, name: "Dr Test Clinician" };
      const email = `double-${round}-${Date.now()}@example.test`;
      const input = NewPatientSchema.parse({
        name: "Sam Double",
        email,
        timeZone: "Europe/London",
        condition: "Ankle sprain",
        involvedSide: "left",
      });
      const results = await Promise.all([
        createPatientWithInvite(db, inviting, input, ORIGIN),
        createPatientWithInvite(other, inviting, input, ORIGIN),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const refused = results.find((r) => !r.ok);
      expect(refused).toMatchObject({ ok: false, fieldErrors: { email: expect.any(String) } });
      const users = await db.selectFrom("app_user").select("id").where("email", "=", email).execute();
      expect(users).toHaveLength(1);
    }
  });

  it("migrations and the demo seed started by several instances at once run once", async () => {
    const fresh = await freshDatabase();
    try {
      const many = [createDb(fresh.url), createDb(fresh.url), createDb(fresh.url)];
      try {
        await Promise.all(many.map((db) => migrateToLatest(db)));
        const seeded = await Promise.all(many.map((db) => seedDemoIfEmpty(db)));
        expect(seeded.filter(Boolean)).toHaveLength(1);
        const db = many[0]!;
        expect(await db.selectFrom("clinic").select("id").execute()).toHaveLength(1);
        const demo = await db
          .selectFrom("app_user")
          .select("email")
          .where("email", "in", Object.values(DEMO_ACCOUNTS))
          .execute();
        expect(demo).toHaveLength(Object.values(DEMO_ACCOUNTS).length);
        const migrations = await db
          .selectFrom("kysely_migration" as never)
          .selectAll()
          .execute();
        expect(new Set(migrations.map((m) => (m as { name: string }).name)).size).toBe(migrations.length);
      } finally {
        await Promise.all(many.map((db) => db.destroy()));
      }
    } finally {
      await fresh.drop();
    }
  });
});

/** An empty database beside the test's own: a new SQLite file, or a new PostgreSQL database on the same server. */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL!;
  if (!isPostgresUrl(url)) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "stagewise-race-"));
    return {
      url: `file:${path.join(dir, "fresh.db")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `race_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  return {
    url: url.replace(/\/[^/]+$/, `/${name}`),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}
