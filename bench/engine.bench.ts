/**
 * npm run bench:engine
 *
 * Evaluates 10,000 synthetic plans with 90 days of history each with the Stagewise engine and with the same stage
 * encoded in json-rules-engine (the library a JS team would reach for), and prints both from the same run with the
 * two guards (docs/decisions/042-readable-engine.md): the 10,000 plans in under 500 ms with every sentence written,
 * and at least 3× json-rules-engine's throughput. Speed is a guard, not a target: an evaluation runs once per save.
 *
 * The engine's figure is evaluate() with everything a decision holds: the outcome, every check with its patient and
 * clinician sentences, flags, load figures and summaries. Each check's two sentences are also read to their last
 * character, which makes V8 build each string in full, as a caller storing or showing them does. json-rules-engine
 * produces an outcome and no sentences at all.
 *
 * Fairness: both sides get the same raw EvaluationInput per plan and do their own indexing and rolling-window
 * arithmetic (json-rules-engine through fact functions that share one cached 'index' fact per run, as its docs
 * recommend). The histories are shaped like database rows (every column present, null when not logged), as the app
 * will pass them. Both encode the same three regress rules and seven gates, and the bench checks that the two agree on
 * every plan's outcome, so the comparison is like for like. History generation is not timed. Both sides get the
 * same warm-up; the passes alternate with a full garbage collection before each, and each figure is the median of
 * its passes. Not a test: figures depend on the machine.
 */
import { cpus } from "node:os";
import { setFlagsFromString } from "node:v8";
import { pathToFileURL } from "node:url";
import { runInNewContext } from "node:vm";
import { Engine, type Almanac } from "json-rules-engine";
import { addDays, evaluate, ProgramSchema } from "../app/engine/index.ts";
import { toDayNumber as toDay } from "../app/engine/dates.ts";
import type {
  Criterion,
  DailyLogFact,
  Decision,
  EvaluationInput,
  MeasurementFact,
  Outcome,
  Program,
} from "../app/engine/index.ts";
import { seededRandom } from "../db/seeded-random.ts";

const PLANS = Number(process.env.BENCH_PLANS ?? 10_000);
const DAYS = 90;
const TODAY = "2026-06-30";
const SEED = 20260630;

// ------------------------------------------------------------------------------------------------------------
// The program: one stage under test ("recovery"), between two others.
// ------------------------------------------------------------------------------------------------------------

const stageShell = (id: string) => ({
  id,
  name: id,
  goal: `${id} goal`,
  instructions: `${id} instructions`,
  minDays: 0,
  prescription: { exercises: [], frequencyPerWeek: 7 },
  gates: [{ id: "t", kind: "time" as const, from: "stage_entry" as const, days: 7 }],
  regressRules: [],
});

export const PROGRAM: Program = ProgramSchema.parse({
  id: "bench-achilles",
  version: 1,
  name: "Bench Achilles",
  condition: "Achilles tendinopathy",
  summary: "Benchmark program",
  painModel: {
    name: "Silbernagel",
    duringMax: 5,
    afterMax: 5,
    inclusive: true,
    settleBy: "next_morning",
    weekOnWeek: "no_rise",
    redFlagPain: 8,
  },
  citations: [],
  stages: [
    stageShell("symptom-management"),
    {
      ...stageShell("recovery"),
      minDays: 14,
      gates: [
        { id: "pain-during", kind: "pain", metric: "during", aggregate: "max", window: { days: 7 } },
        { id: "settled", kind: "settle", window: { sessions: 3 }, baseline: "pre_session" },
        { id: "stiffness-not-rising", kind: "trend", metric: "stiffness" },
        { id: "adherence", kind: "adherence", windowDays: 14, threshold: 80 },
        {
          id: "heel-raise-lsi",
          kind: "capacity",
          measure: "single_leg_heel_raise_reps",
          mode: "lsi",
          comparator: "gte",
          threshold: 80,
          maxAgeDays: 14,
        },
        {
          id: "visa-a",
          kind: "questionnaire",
          instrument: "visa_a",
          mode: "absolute",
          comparator: "gte",
          threshold: 80,
        },
      ],
      regressRules: [
        {
          id: "pain-over-limit",
          label: "Pain above 5",
          criteria: [{ id: "today", kind: "pain", metric: "during", aggregate: "latest", window: { days: 1 } }],
          action: { to: "stay", loadReductionPercent: 20 },
        },
        {
          id: "not-settled",
          label: "Not settled",
          criteria: [
            { id: "last", kind: "settle", window: { sessions: 1 }, baseline: "pre_session", expect: "not_settled" },
          ],
          action: { to: "stay", loadReductionPercent: 20 },
        },
        {
          id: "effusion",
          label: "Effusion 2+",
          criteria: [
            {
              id: "latest",
              kind: "swelling",
              aggregate: "latest",
              window: { days: 2 },
              comparator: "gte",
              grade: "2+",
            },
          ],
          action: { to: "previous" },
        },
      ],
    },
    stageShell("rebuilding"),
  ],
});

// ------------------------------------------------------------------------------------------------------------
// Synthetic plans (seeded, so every run evaluates the same 10,000 histories).
// ------------------------------------------------------------------------------------------------------------

/**
 * A date as a database driver returns it: its own string object per row. (addDays hands out the engine's memoised
 * strings; sharing them would let any identity shortcut, in either engine, look cheaper than it is on real rows.)
 */
const rowDate = (date: string): string => (date + " ").slice(0, 10);

export function makePlans(n: number): EvaluationInput[] {
  const rnd = seededRandom(SEED);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const clamp = (x: number) => Math.max(0, Math.min(10, Math.round(x)));
  const start = addDays(TODAY, -(DAYS - 1));
  const plans: EvaluationInput[] = [];
  for (let p = 0; p < n; p++) {
    const painBase = 1 + rnd() * 3;
    const morningBase = rnd() * 2;
    const stiffBase = 1 + rnd() * 2;
    const stiffDrift = (rnd() - 0.6) * 0.04; // most patients stiffen less over time
    const adherent = rnd() < 0.85;
    const logs: DailyLogFact[] = [];
    for (let i = 0; i < DAYS; i++) {
      if (rnd() < 0.05) continue; // a day without any log
      const date = rowDate(addDays(start, i));
      const r = rnd();
      const sessionDone = r < (adherent ? 0.88 : 0.6) ? "done" : r < (adherent ? 0.93 : 0.7) ? "partial" : "none";
      // Shaped like a database row: every column present, null when not logged.
      const log: DailyLogFact = {
        date,
        morningPain: null,
        morningStiffness: null,
        sessionDone,
        painDuring: null,
        painAfter: null,
        painAtRest: null,
        sessionMinutes: null,
        sessionRpe: null,
        runningMinutes: null,
        swelling: null,
        soreness: null,
        exercises: null,
        otherActivities: null,
        testPain: null,
      };
      if (rnd() < 0.92) log.morningPain = clamp(morningBase + (rnd() - 0.5) * 1.5 + (rnd() < 0.04 ? 2 : 0));
      if (rnd() < 0.9) log.morningStiffness = clamp(stiffBase + stiffDrift * i + (rnd() - 0.5));
      if (sessionDone !== "none") {
        log.painDuring = clamp(painBase + (rnd() - 0.5) * 2 + (rnd() < 0.015 ? 4 : 0));
        log.painAfter = clamp(painBase - 1 + rnd() * 2);
        log.sessionMinutes = int(20, 45);
        log.sessionRpe = int(3, 7);
        log.swelling = rnd() < 0.003 ? "2+" : rnd() < 0.05 ? "trace" : "none";
      }
      logs.push(log);
    }
    const involvedSide = rnd() < 0.5 ? "left" : "right";
    const other = involvedSide === "left" ? "right" : "left";
    const measurements: MeasurementFact[] = [];
    const bothSides = rnd() < 0.85;
    for (let day = int(0, 13); day < DAYS; day += 14) {
      const date = addDays(start, day);
      const uninvolved = int(20, 30);
      measurements.push({
        date: rowDate(date),
        measure: "single_leg_heel_raise_reps",
        side: involvedSide,
        value: Math.round(uninvolved * (0.6 + (day / DAYS) * 0.35 + rnd() * 0.1)),
      });
      if (bothSides)
        measurements.push({
          date: rowDate(date),
          measure: "single_leg_heel_raise_reps",
          side: other,
          value: uninvolved,
        });
    }
    for (let day = int(0, 27); day < DAYS; day += 28) {
      measurements.push({
        date: rowDate(addDays(start, day)),
        measure: "visa_a",
        value: Math.min(100, int(50, 70) + Math.round(day / 3)),
      });
    }
    plans.push({
      program: PROGRAM,
      plan: {
        timeZone: "Europe/Stockholm",
        startDate: rowDate(start),
        injuryDate: null,
        surgeryDate: null,
        involvedSide,
        currentStageId: "recovery",
        stageEnteredOn: rowDate(addDays(TODAY, -int(5, 60))),
        lastRegressOn: null,
      },
      today: TODAY,
      logs,
      measurements,
      signoffs: [],
    });
  }
  return plans;
}

// ------------------------------------------------------------------------------------------------------------
// The same stage in json-rules-engine. The rules are generated from the program's own criteria (rules as JSON, as a
// team storing clinician-authored criteria would do), with generic parameterised facts that compute the same
// rolling-window values. One 'index' fact per run indexes the history once, as the engine's buildContext does.
// ------------------------------------------------------------------------------------------------------------

interface Indexed {
  today: number;
  stageEntered: number;
  planStart: number;
  byDay: Map<number, DailyLogFact>;
  sessions: number[];
  input: EvaluationInput;
}

const tidy = (x: number) => Math.round(x * 1e6) / 1e6;
const SWELLING_RANK = { none: 0, trace: 1, "1+": 2, "2+": 3, "3+": 4 } as const;
const OPERATOR = {
  lt: "lessThan",
  lte: "lessThanInclusive",
  gt: "greaterThan",
  gte: "greaterThanInclusive",
  eq: "equal",
} as const;
type Params = Record<string, unknown>;

async function indexOf(almanac: Almanac): Promise<Indexed> {
  return almanac.factValue<Indexed>("index");
}

function painField(log: DailyLogFact | undefined, metric: string): number | undefined {
  if (!log) return undefined;
  const v =
    metric === "during"
      ? log.painDuring
      : metric === "after"
        ? log.painAfter
        : metric === "stiffness"
          ? log.morningStiffness
          : metric === "next_morning"
            ? log.morningPain
            : log.painAtRest;
  return v ?? undefined;
}

function settleExcesses(ix: Indexed, count: number): number[] {
  const eligible = ix.sessions.filter((d) => d >= ix.stageEntered && d <= ix.today - 1).slice(-count);
  const out: number[] = [];
  for (const d of eligible) {
    const base = ix.byDay.get(d)?.morningPain;
    const next = ix.byDay.get(d + 1)?.morningPain;
    if (base != null && next != null) out.push(next - base);
  }
  return out;
}

/** One json-rules-engine condition for one of our criteria (the kinds this benchmark's stage uses). */
function toCondition(c: Criterion, role: "gate" | "regress", program: Program): Record<string, unknown> {
  switch (c.kind) {
    case "pain": {
      if (!("days" in c.window)) throw new Error("bench encodes day windows only");
      const limit = c.metric === "during" ? program.painModel.duringMax : program.painModel.afterMax;
      const inclusive = program.painModel.inclusive;
      const op = c.comparator ?? (role === "gate" ? (inclusive ? "lte" : "lt") : inclusive ? "gt" : "gte");
      return {
        fact: "pain",
        params: { metric: c.metric, aggregate: c.aggregate, days: c.window.days },
        operator: OPERATOR[op],
        value: c.threshold ?? limit,
      };
    }
    case "settle": {
      if (!("sessions" in c.window) || c.baseline !== "pre_session")
        throw new Error("bench encodes pre-session settle by sessions only");
      const tolerance = c.tolerance ?? program.painModel.settleTolerance ?? 0;
      return {
        fact: "settleWorstExcess",
        params: { sessions: c.window.sessions },
        operator: (c.expect ?? "settled") === "settled" ? "lessThanInclusive" : "greaterThan",
        value: tolerance,
      };
    }
    case "trend":
      return {
        fact: "trendRising",
        params: { metric: c.metric, maxRise: c.maxRise ?? 0, minRaisedDays: c.minRaisedDays ?? 2 },
        operator: "equal",
        value: (c.expect ?? "not_rising") === "rising",
      };
    case "adherence":
      return {
        fact: "adherence",
        params: { days: c.windowDays },
        operator: OPERATOR[c.comparator ?? "gte"],
        value: c.threshold,
      };
    case "capacity":
      if (c.mode !== "lsi") throw new Error("bench encodes LSI only");
      return {
        fact: "lsi",
        params: { measure: c.measure, maxAgeDays: c.maxAgeDays ?? null },
        operator: OPERATOR[c.comparator],
        value: c.threshold,
      };
    case "questionnaire":
      return {
        fact: "latestMeasurement",
        params: { measure: c.measure ?? c.instrument },
        operator: OPERATOR[c.comparator],
        value: c.threshold,
      };
    case "time":
      return { fact: "daysInStage", operator: OPERATOR[c.comparator ?? "gte"], value: c.days };
    case "swelling":
      if (!("days" in c.window) || c.aggregate !== "latest")
        throw new Error("bench encodes latest swelling by days only");
      return {
        fact: "swellingLatest",
        params: { days: c.window.days },
        operator: OPERATOR[c.comparator],
        value: SWELLING_RANK[c.grade],
      };
    default:
      throw new Error(`bench does not encode '${c.kind}'`);
  }
}

function buildJreEngine(program: Program, stageId: string): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addFact("index", async (_params, almanac) => {
    const input = await almanac.factValue<EvaluationInput>("input");
    const today = toDay(input.today);
    const byDay = new Map<number, DailyLogFact>();
    for (const log of input.logs) {
      const day = toDay(log.date);
      if (day <= today) byDay.set(day, log);
    }
    const sessions = [...byDay.entries()]
      .filter(([, l]) => l.sessionDone !== "none")
      .map(([d]) => d)
      .sort((a, b) => a - b);
    return {
      today,
      stageEntered: toDay(input.plan.stageEnteredOn),
      planStart: toDay(input.plan.startDate),
      byDay,
      sessions,
      input,
    } satisfies Indexed;
  });
  engine.addFact("pain", async (params: Params, almanac) => {
    const ix = await indexOf(almanac);
    const values: number[] = [];
    for (let d = Math.max(ix.today - (params.days as number) + 1, ix.stageEntered); d <= ix.today; d++) {
      const v = painField(ix.byDay.get(d), params.metric as string);
      if (v !== undefined) values.push(v);
    }
    if (values.length === 0) return undefined;
    if (params.aggregate === "latest") return values[values.length - 1];
    if (params.aggregate === "max") return Math.max(...values);
    return tidy(values.reduce((s, v) => s + v, 0) / values.length);
  });
  engine.addFact("settleWorstExcess", async (params: Params, almanac) => {
    const ex = settleExcesses(await indexOf(almanac), params.sessions as number);
    return ex.length > 0 ? Math.max(...ex) : undefined;
  });
  // Rising: the weekly mean rose by more than maxRise, on at least minRaisedDays days above last week's mean + maxRise.
  engine.addFact("trendRising", async (params: Params, almanac) => {
    const ix = await indexOf(almanac);
    const valuesOf = (from: number, to: number) => {
      const values: number[] = [];
      for (let d = Math.max(from, ix.planStart); d <= to; d++) {
        const v = painField(ix.byDay.get(d), params.metric as string);
        if (v !== undefined) values.push(v);
      }
      return values;
    };
    const now = valuesOf(ix.today - 6, ix.today);
    const before = valuesOf(ix.today - 13, ix.today - 7);
    if (now.length < 3 || before.length < 3) return undefined;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const maxRise = params.maxRise as number;
    const level = mean(before) + maxRise;
    const raised = now.filter((v) => tidy(v - level) > 0).length;
    return tidy(mean(now) - mean(before)) > maxRise && raised >= (params.minRaisedDays as number);
  });
  engine.addFact("adherence", async (params: Params, almanac) => {
    const ix = await indexOf(almanac);
    const from = Math.max(ix.today - (params.days as number) + 1, ix.stageEntered);
    // Today counts only once its session is logged (an unlogged today is not a miss before the day is over).
    const todays = ix.byDay.get(ix.today)?.sessionDone;
    const to = todays === "done" || todays === "partial" ? ix.today : ix.today - 1;
    let logs = 0;
    let credit = 0;
    for (let d = from; d <= to; d++) {
      const l = ix.byDay.get(d);
      if (!l) continue;
      logs++;
      credit += l.sessionDone === "done" ? 1 : l.sessionDone === "partial" ? 0.5 : 0;
    }
    const perWeek = program.stages.find((s) => s.id === stageId)!.prescription.frequencyPerWeek ?? 7;
    return logs === 0 || to < from ? undefined : tidy((credit / ((perWeek * (to - from + 1)) / 7)) * 100);
  });
  engine.addFact("lsi", async (params: Params, almanac) => {
    const ix = await indexOf(almanac);
    const inv = ix.input.plan.involvedSide;
    const first =
      params.maxAgeDays == null ? ix.planStart : Math.max(ix.planStart, ix.today - (params.maxAgeDays as number));
    const perDay = new Map<number, { left?: number; right?: number }>();
    for (const m of ix.input.measurements) {
      const d = toDay(m.date);
      if (m.measure !== params.measure || d < first || d > ix.today || !m.side) continue;
      const entry = perDay.get(d) ?? {};
      entry[m.side] = m.value;
      perDay.set(d, entry);
    }
    for (const d of [...perDay.keys()].sort((x, y) => y - x)) {
      const e = perDay.get(d)!;
      if (e.left !== undefined && e.right !== undefined) {
        const [i, u] = inv === "left" ? [e.left, e.right] : [e.right, e.left];
        return u === 0 ? undefined : tidy((i / u) * 100);
      }
    }
    return undefined;
  });
  engine.addFact("latestMeasurement", async (params: Params, almanac) => {
    const ix = await indexOf(almanac);
    let best: { d: number; v: number } | undefined;
    for (const m of ix.input.measurements) {
      const d = toDay(m.date);
      if (m.measure === params.measure && d >= ix.planStart && d <= ix.today && (!best || d >= best.d))
        best = { d, v: m.value };
    }
    return best?.v;
  });
  engine.addFact("daysInStage", async (_params, almanac) => {
    const ix = await indexOf(almanac);
    return ix.today - ix.stageEntered;
  });
  engine.addFact("swellingLatest", async (params: Params, almanac) => {
    const ix = await indexOf(almanac);
    for (let d = ix.today; d >= Math.max(ix.today - (params.days as number) + 1, ix.stageEntered); d--) {
      const s = ix.byDay.get(d)?.swelling;
      if (s) return SWELLING_RANK[s];
    }
    return undefined;
  });

  // The engine's implicit step-up gates: recent data and no recent red flag (defaults as in app/engine/defaults.ts).
  engine.addFact("daysSinceLastLog", async (_params, almanac) => {
    const ix = await indexOf(almanac);
    const days = [...ix.byDay.keys()];
    return days.length === 0 ? undefined : ix.today - Math.max(...days);
  });
  engine.addFact("redFlagWithin", async (params: Params, almanac) => {
    const ix = await indexOf(almanac);
    const level = program.painModel.redFlagPain;
    for (let d = ix.today - (params.days as number) + 1; d <= ix.today; d++) {
      const l = ix.byDay.get(d);
      if (!l) continue;
      const pains = [l.painDuring, l.painAfter, l.morningPain, l.painAtRest, ...Object.values(l.testPain ?? {})];
      if (pains.some((v) => v != null && v >= level)) return true;
      if (l.swelling && SWELLING_RANK[l.swelling] >= SWELLING_RANK["2+"]) return true;
    }
    return false;
  });

  const stage = program.stages.find((s) => s.id === stageId)!;
  stage.regressRules.forEach((rule, i) => {
    const conditions = rule.criteria.map((c) => toCondition(c, "regress", program));
    engine.addRule({
      name: `regress:${rule.id}`,
      priority: 100 - i,
      conditions: ((rule.when ?? "any") === "any" ? { any: conditions } : { all: conditions }) as never,
      event: { type: "regress", params: { ruleId: rule.id } },
    });
  });
  const gates: Criterion[] = [
    ...(stage.minDays > 0
      ? [{ id: "min_days", kind: "time", from: "stage_entry", days: stage.minDays } as Criterion]
      : []),
    ...stage.gates,
  ];
  const stepUp = [
    { fact: "daysSinceLastLog", operator: "lessThanInclusive", value: program.freshDataDays ?? 3 },
    { fact: "redFlagWithin", params: { days: program.redFlagHoldDays ?? 7 }, operator: "equal", value: false },
  ];
  engine.addRule({
    name: "advance",
    priority: 1,
    conditions: { all: [...gates.map((c) => toCondition(c, "gate", program)), ...stepUp] } as never,
    event: { type: "advance" },
  });
  return engine;
}

async function jreOutcome(engine: Engine, input: EvaluationInput): Promise<Outcome> {
  const { events } = await engine.run({ input });
  if (events.some((e) => e.type === "regress")) return "regress";
  if (events.some((e) => e.type === "advance")) return "advance";
  return "hold";
}

// ------------------------------------------------------------------------------------------------------------
// Run
// ------------------------------------------------------------------------------------------------------------

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

const PASSES = Number(process.env.BENCH_PASSES ?? 5);
const WARM_UP = 2000;

/** A full garbage collection before each timed pass, so no side pays for another's garbage. */
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Reads every check's sentences to the last character, as a caller showing or storing them does. */
function readSentences(decision: Decision): number {
  let chars = 0;
  for (const c of decision.checks) {
    chars +=
      c.patientText.charCodeAt(c.patientText.length - 1) + c.clinicianText.charCodeAt(c.clinicianText.length - 1);
  }
  return chars;
}

/** The guards (docs/decisions/042-readable-engine.md). */
const GUARD_MS_PER_10K = 500;
const GUARD_RATIO = 3;

async function main(): Promise<void> {
  const plans = makePlans(PLANS);
  const jre = buildJreEngine(PROGRAM, "recovery");

  // Warm-up: let V8 optimise every path before timing; each side on the same 2,000 plans.
  const warm = Math.min(plans.length, WARM_UP);
  let sink = 0;
  for (let i = 0; i < warm; i++) sink += readSentences(evaluate(plans[i]!));
  for (let i = 0; i < warm; i++) await jreOutcome(jre, plans[i]!);

  const engineOutcomes: Outcome[] = new Array(plans.length);
  const jreOutcomes: Outcome[] = new Array(plans.length);
  const enginePasses: number[] = [];
  const jrePasses: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    collectGarbage();
    const t0 = performance.now();
    for (let i = 0; i < plans.length; i++) {
      const decision = evaluate(plans[i]!);
      sink += readSentences(decision);
      engineOutcomes[i] = decision.outcome;
    }
    enginePasses.push(performance.now() - t0);
    collectGarbage();
    const t1 = performance.now();
    for (let i = 0; i < plans.length; i++) jreOutcomes[i] = await jreOutcome(jre, plans[i]!);
    jrePasses.push(performance.now() - t1);
  }
  if (sink === 0) throw new Error("no sentences were read");

  let agree = 0;
  const counts: Record<string, number> = {};
  const disagreements: string[] = [];
  for (let i = 0; i < plans.length; i++) {
    counts[engineOutcomes[i]!] = (counts[engineOutcomes[i]!] ?? 0) + 1;
    if (engineOutcomes[i] === jreOutcomes[i]) agree++;
    else if (disagreements.length < 5)
      disagreements.push(`plan ${i}: engine ${engineOutcomes[i]}, json-rules-engine ${jreOutcomes[i]}`);
  }

  const engineMs = median(enginePasses);
  const jreMs = median(jrePasses);
  const per10k = (ms: number) => (ms * 10_000) / plans.length;
  const line = (label: string, ms: number, xs: number[]) =>
    `${label.padEnd(34)}${fmt(per10k(ms)).padStart(6)} ms per 10,000 plans, ${fmt((ms * 1000) / plans.length, 1).padStart(5)} µs per plan  (passes ${xs.map((x) => fmt(x)).join(", ")} ms)`;
  const ratio = jreMs / engineMs;
  const holds = (ok: boolean) => (ok ? "holds" : "MISSED");
  const cpu = cpus();
  console.log(
    `Stagewise engine benchmark: ${fmt(plans.length)} plans × ${DAYS} days of history (seed ${SEED}), median of ${PASSES} alternating passes`,
  );
  console.log(`Node ${process.version}, ${cpu.length} CPU(s) ${cpu[0]?.model ?? ""}`.trim());
  console.log("");
  console.log(line("engine, every sentence written", engineMs, enginePasses));
  console.log(line("json-rules-engine, same gates", jreMs, jrePasses));
  console.log(`ratio                             ${fmt(ratio, 1)}× json-rules-engine's throughput`);
  console.log("");
  console.log(
    `guard: 10,000 plans < ${GUARD_MS_PER_10K} ms        ${holds(per10k(engineMs) < GUARD_MS_PER_10K)} (${fmt(per10k(engineMs))} ms)`,
  );
  console.log(`guard: ≥ ${GUARD_RATIO}× json-rules-engine       ${holds(ratio >= GUARD_RATIO)} (${fmt(ratio, 1)}×)`);
  console.log("");
  console.log(
    `outcomes agree on ${fmt(agree)} / ${fmt(plans.length)} plans (${Object.entries(counts)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(", ")})`,
  );
  for (const d of disagreements) console.log(`  ${d}`);
  if (agree !== plans.length) process.exitCode = 1;
}

// Run only when executed (the plan generator is importable for profiling).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
