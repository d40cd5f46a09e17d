import { describe, expect, it } from "vitest";
import * as tryPage from "~/routes/clinic.programs.$programId.try/route.tsx";
import { addDays, type DailyLogFact } from "~/engine/index.ts";
import { loadBuiltInProgram } from "~/programs/index.ts";
import { replay } from "~/services/program-replay.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { countRows } from "../../support/factories.ts";
import { getRequest, run } from "../../support/requests.ts";
import { clinicWithProgram, lastDays, planStartedDaysAgo, seedLogs } from "./fixtures.ts";

const synthetic = (over: Record<string, string> = {}) =>
  new URLSearchParams({
    source: "synthetic",
    days: "14",
    painDuring: "2",
    painTrend: "steady",
    morningPain: "1",
    adherencePercent: "100",
    runningMinutes: "0",
    lsiStart: "80",
    lsiEnd: "95",
    questionnaireStart: "50",
    questionnaireEnd: "80",
    signoffs: "yes",
    ...over,
  });

async function counts() {
  const db = getDb();
  return Promise.all(
    (["decision", "audit_event", "daily_log", "plan", "measurement", "signoff"] as const).map((t) => countRows(db, t)),
  );
}

describe("trying a program on a sample history", () => {
  it("shows day by day what the engine would decide: the two-stage program advances once its gates hold, and nothing is written", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const before = await counts();
    const res = await run(
      tryPage.loader,
      await getRequest(`/clinic/programs/${cast.programId}/try?${synthetic()}`, { userId: cast.clinician.id }),
      { programId: cast.programId },
    );
    expect(res.status).toBe(200);
    const days = res.data.days as Array<{
      day: number;
      outcome: string;
      stageIndex: number;
      checks: Array<{ id: string; status: string }>;
    }>;
    expect(days).toHaveLength(14);
    expect(days[0]!.outcome).toBe("hold");
    const advance = days.find((d) => d.outcome === "advance")!;
    expect(advance.day).toBe(4); // minDays 3: eligible on the fourth day
    expect(advance.checks.find((c) => c.id === "pain-ok")!.status).toBe("met");
    expect(days.at(-1)!.stageIndex).toBe(1);
    expect(await counts()).toEqual(before);
  });

  it("holds when the clinician never signs off, and the check says it awaits the clinician", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const res = await run(
      tryPage.loader,
      await getRequest(`/clinic/programs/${cast.programId}/try?${synthetic({ signoffs: "no" })}`, {
        userId: cast.clinician.id,
      }),
      { programId: cast.programId },
    );
    const days = res.data.days as Array<{ outcome: string; checks: Array<{ id: string; status: string }> }>;
    expect(days.every((d) => d.outcome === "hold")).toBe(true);
    expect(days.at(-1)!.checks.find((c) => c.id === "exam")!.status).not.toBe("met");
  });

  it("runs a library program too", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const res = await run(
      tryPage.loader,
      await getRequest(`/clinic/programs/achilles-silbernagel-2007/try?${synthetic({ days: "60" })}`, {
        userId: cast.clinician.id,
      }),
      { programId: "achilles-silbernagel-2007" },
    );
    expect(res.status).toBe(200);
    expect(res.data.days.length).toBeGreaterThan(0);
  });

  it("a made-up ACL patient at 95 % symmetry reads 95 % on the timed hop too, which the engine inverts as a timed test", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const q = synthetic({ days: "7", lsiStart: "95", lsiEnd: "95", startStageId: "return-to-sport-criteria" });
    const res = await run(
      tryPage.loader,
      await getRequest(`/clinic/programs/acl-delaware-oslo-2016/try?${q}`, { userId: cast.clinician.id }),
      { programId: "acl-delaware-oslo-2016" },
    );
    const checks = res.data.days[0].checks as Array<{ id: string; observed: number }>;
    expect(checks.find((c) => c.id === "timed-hop-lsi")!.observed).toBeCloseTo(95, 1);
    expect(checks.find((c) => c.id === "single-hop-lsi")!.observed).toBeCloseTo(95, 1);
  });

  it("a made-up patellar patient scores the decline squat every morning, so the 24-hour rule is judged on it", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const q = synthetic({ days: "14", adherencePercent: "50", startStageId: "isotonic" });
    const res = await run(
      tryPage.loader,
      await getRequest(`/clinic/programs/patellar-malliaras-2015/try?${q}`, { userId: cast.clinician.id }),
      { programId: "patellar-malliaras-2015" },
    );
    const last = res.data.days.at(-1);
    const settled = (last.checks as Array<{ id: string; status: string; clinicianText: string }>).find(
      (c) => c.id === "settled-within-24h",
    )!;
    expect(settled.status).toBe("met");
    expect(settled.clinicianText).toMatch(/observed worst next-morning excess 0/);
  });

  it("a repeat in the replay starts the phase over, as it does for a real plan", () => {
    const program = loadBuiltInProgram("ankle-sprain-walk-run")!;
    const start = "2026-03-02";
    const run = (extra: Partial<DailyLogFact> = {}): Partial<DailyLogFact> => ({
      sessionDone: "done",
      painDuring: 1,
      painAfter: 1,
      swelling: "none",
      ...extra,
    });
    const rest: Partial<DailyLogFact> = { sessionDone: "none", swelling: "none" };
    const days = [run(), rest, run({ swelling: "trace" }), rest, run(), rest];
    const logs = days.map((d, i) => ({
      date: addDays(start, i),
      morningPain: 1,
      morningStiffness: 1,
      sessionDone: "none" as const,
      ...d,
    }));
    const out = replay(
      program,
      { start, involvedSide: "right", logs, measurements: [], signoffs: [], days: 6, timeZone: "Europe/London" },
      "walk-run-phase-2",
    );
    expect(out[2]!.outcome).toBe("regress");
    // After the repeat only the run after it counts: 1 of 2, where 2 runs (one before the swelling) would have.
    const lastCount = out[5]!.checks.find((c) => c.id === "two-clean-runs")!;
    expect(lastCount).toMatchObject({ status: "not_met", observed: 1 });
    expect(out.every((d) => d.stageIndex === 1)).toBe(true);
  });

  it("replays an existing patient's history without writing", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId, today } = await planStartedDaysAgo(db, cast, 5);
    await seedLogs(db, { clinicId: cast.clinic.id, planId, patientId: cast.patientA.id, days: lastDays(today, 5, 2) });
    const before = await counts();
    const q = synthetic({ source: "patient", patientId: cast.patientA.id });
    const res = await run(
      tryPage.loader,
      await getRequest(`/clinic/programs/${cast.programId}/try?${q}`, { userId: cast.clinician.id }),
      { programId: cast.programId },
    );
    expect(res.status).toBe(200);
    expect(res.data.days).toHaveLength(6);
    expect(await counts()).toEqual(before);
  });

  it("answers field errors for impossible settings", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const res = await run(
      tryPage.loader,
      await getRequest(`/clinic/programs/${cast.programId}/try?${synthetic({ days: "400", painDuring: "12" })}`, {
        userId: cast.clinician.id,
      }),
      { programId: cast.programId },
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.fieldErrors).sort()).toEqual(["days", "painDuring"]);
    expect(res.data.days).toBeNull();
  });

  it("is 404 for another clinic's program or patient, and 403 for a patient", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    await planStartedDaysAgo(db, cast, 3);
    const other = await run(
      tryPage.loader,
      await getRequest(`/clinic/programs/${cast.programId}/try?${synthetic()}`, { userId: cast.other.clinician.id }),
      { programId: cast.programId },
    );
    expect(other.status).toBe(404);
    const theirPatient = synthetic({ source: "patient", patientId: cast.patientA.id });
    const viaLibrary = await run(
      tryPage.loader,
      await getRequest(`/clinic/programs/achilles-silbernagel-2007/try?${theirPatient}`, {
        userId: cast.other.clinician.id,
      }),
      { programId: "achilles-silbernagel-2007" },
    );
    expect(viaLibrary.status).toBe(404);
    const patient = await run(
      tryPage.loader,
      await getRequest(`/clinic/programs/${cast.programId}/try`, { userId: cast.patientA.id }),
      { programId: cast.programId },
    );
    expect(patient.status).toBe(403);
  });
});
