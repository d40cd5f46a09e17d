/**
 * Builders for engine tests: a three-stage program whose middle stage carries the criteria under test, and a
 * history generator. Dates are fixed: the engine never reads the clock, so neither do the tests.
 */
import { expect } from "vitest";
import { addDays, evaluate, ProgramSchema } from "~/engine";
import type {
  Check,
  Criterion,
  DailyLogFact,
  Decision,
  EvaluationInput,
  FlagCode,
  MeasurementFact,
  Outcome,
  PainModel,
  PlanFacts,
  Program,
  RegressRule,
  SignoffFact,
  Stage,
} from "~/engine";

export const TODAY = "2026-03-20";

export const SILBERNAGEL: PainModel = {
  name: "Silbernagel pain-monitoring model",
  duringMax: 5,
  afterMax: 5,
  inclusive: true,
  settleBy: "next_morning",
  weekOnWeek: "no_rise",
  redFlagPain: 8,
  source: { citationIds: ["silbernagel-2007"] },
};

function stage(id: string, extra: Partial<Stage> = {}): Stage {
  return {
    id,
    name: `Stage ${id}`,
    goal: `Goal of ${id}`,
    instructions: `Do the ${id} exercises.`,
    minDays: 0,
    prescription: {
      exercises: [{ id: "heel_raise", name: "Heel raise", sets: 3, reps: 15, side: "involved" }],
      frequencyPerWeek: 7,
    },
    gates: [],
    regressRules: [],
    ...extra,
  };
}

export interface ProgramOptions {
  gates?: Criterion[];
  regressRules?: RegressRule[];
  minDays?: number;
  painModel?: Partial<PainModel>;
  minDaysAfterRegress?: number;
  freshDataDays?: number;
  redFlagHoldDays?: number;
  /** Gates of the last stage (for 'complete'). */
  lastGates?: Criterion[];
}

/** Stages 'one' → 'two' → 'three'; tests usually sit in 'two'. Parsed, so every test program is schema-valid. */
export function program(opts: ProgramOptions = {}): Program {
  const p: Program = {
    id: "test-achilles",
    version: 3,
    name: "Test Achilles program",
    condition: "Achilles tendinopathy",
    summary: "A program for tests.",
    painModel: { ...SILBERNAGEL, ...opts.painModel },
    citations: [
      {
        id: "silbernagel-2007",
        authors: "Silbernagel KG et al.",
        year: 2007,
        title: "Continued sports activity, using a pain-monitoring model",
        journal: "Am J Sports Med",
      },
    ],
    stages: [
      stage("one", { gates: [{ id: "t", kind: "time", from: "stage_entry", days: 1 }] }),
      stage("two", { gates: opts.gates ?? [], regressRules: opts.regressRules ?? [], minDays: opts.minDays ?? 0 }),
      stage("three", { gates: opts.lastGates ?? [{ id: "t", kind: "time", from: "stage_entry", days: 1 }] }),
    ],
    ...(opts.minDaysAfterRegress !== undefined ? { minDaysAfterRegress: opts.minDaysAfterRegress } : {}),
    ...(opts.freshDataDays !== undefined ? { freshDataDays: opts.freshDataDays } : {}),
    ...(opts.redFlagHoldDays !== undefined ? { redFlagHoldDays: opts.redFlagHoldDays } : {}),
  };
  return ProgramSchema.parse(p);
}

export function log(date: string, fields: Partial<DailyLogFact> = {}): DailyLogFact {
  return { date, sessionDone: "done", ...fields };
}

/** `n` consecutive daily logs ending on `end` (oldest first); `fn` gets the index (0 = oldest) and the date. */
export function history(
  n: number,
  fn: (i: number, date: string) => Partial<DailyLogFact> = () => ({}),
  end = TODAY,
): DailyLogFact[] {
  return Array.from({ length: n }, (_, i) => {
    const date = addDays(end, i - n + 1);
    return log(date, fn(i, date));
  });
}

export function measure(date: string, m: string, value: number, side: "left" | "right" | null = null): MeasurementFact {
  return { date, measure: m, value, side };
}

export interface RunOptions {
  program?: Program;
  plan?: Partial<PlanFacts>;
  today?: string;
  logs?: DailyLogFact[];
  measurements?: MeasurementFact[];
  signoffs?: SignoffFact[];
}

export function input(opts: RunOptions & ProgramOptions = {}): EvaluationInput {
  const today = opts.today ?? TODAY;
  return {
    program: opts.program ?? program(opts),
    plan: {
      timeZone: "Europe/Stockholm",
      startDate: addDays(today, -60),
      involvedSide: "left",
      currentStageId: "two",
      stageEnteredOn: addDays(today, -30),
      ...opts.plan,
    },
    today,
    // Without logs of its own, a test's patient checked in today (no session): the recent-data gate needs a log, and
    // most tests are about something else. Pass `logs: []` for a patient who never logged.
    logs: opts.logs ?? [{ date: today, sessionDone: "none" }],
    measurements: opts.measurements ?? [],
    signoffs: opts.signoffs ?? [],
  };
}

export function run(opts: RunOptions & ProgramOptions = {}): Decision {
  return evaluate(input(opts));
}

export function checkOf(decision: Decision, id: string): Check {
  const found = decision.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check '${id}' in ${decision.checks.map((c) => c.id).join(", ")}`);
  return found;
}

export interface Expectation {
  outcome?: Outcome;
  to?: string;
  /** check id → expected status, and optionally observed value. */
  checks?: Record<string, { status: Check["status"]; observed?: Check["observed"]; missing?: RegExp }>;
  flags?: FlagCode[];
  noFlags?: FlagCode[];
}

export interface Case {
  name: string;
  input: () => EvaluationInput;
  expect: Expectation;
}

export function verify(decision: Decision, e: Expectation): void {
  if (e.outcome) expect(decision.outcome).toBe(e.outcome);
  if (e.to) expect(decision.toStageId).toBe(e.to);
  for (const [id, want] of Object.entries(e.checks ?? {})) {
    const c = checkOf(decision, id);
    expect({ id, status: c.status }).toEqual({ id, status: want.status });
    if ("observed" in want) expect(c.observed).toEqual(want.observed);
    if (want.missing) expect(c.missing ?? "").toMatch(want.missing);
    expect(c.patientText.length).toBeGreaterThan(10);
    expect(c.clinicianText.length).toBeGreaterThan(10);
  }
  const codes = decision.flags.map((f) => f.code);
  for (const f of e.flags ?? []) expect(codes).toContain(f);
  for (const f of e.noFlags ?? []) expect(codes).not.toContain(f);
}
