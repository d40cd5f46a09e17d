/**
 * A decision's check sentences (patientText, clinicianText) are written when decision.checks is first read, not
 * during evaluate() (app/engine/decision.ts). These tests protect what callers rely on: the sentences are exactly the
 * ones written straight away, whatever happens between evaluate() and the read (other evaluations reusing the
 * engine's scratch space, the caller changing its input), and the decision still behaves as a plain object for
 * everything that copies or serialises it (JSON, spread, structuredClone, Object.entries as Remix single fetch does).
 */
import { describe, expect, it } from "vitest";
import {
  addDays,
  evaluate,
  type CriterionKind,
  type DailyLogFact,
  type Decision,
  type EvaluationInput,
  type MeasurementFact,
} from "~/engine";
import { builtInPrograms } from "~/programs/index.ts";
import { seededRandom } from "../../../db/seeded-random.ts";

const TODAY = "2026-06-30";

/** Seeded histories over every stage of every built-in program: every criterion kind, in gates and regress rules. */
function corpus(): EvaluationInput[] {
  const out: EvaluationInput[] = [];
  let seed = 11;
  for (const program of builtInPrograms) {
    program.stages.forEach((stage, si) => {
      for (let k = 0; k < 3; k++) {
        const r = seededRandom(seed++);
        const score = (base: number) => Math.max(0, Math.min(10, Math.round(base + (r() - 0.5) * 4)));
        const base = r() * 5;
        const logs: DailyLogFact[] = [];
        for (let i = 0; i < 60; i++) {
          if (r() < 0.08) continue;
          const on = r() < 0.8;
          logs.push({
            date: addDays(TODAY, i - 59),
            morningPain: r() < 0.9 ? score(base - 1) : null,
            morningStiffness: r() < 0.85 ? score(base) : null,
            sessionDone: on ? (r() < 0.85 ? "done" : "partial") : "none",
            painDuring: on ? score(base) : null,
            painAfter: on && r() < 0.8 ? score(base) : null,
            sessionMinutes: on ? 20 + Math.floor(r() * 30) : null,
            sessionRpe: on ? 1 + Math.floor(r() * 8) : null,
            runningMinutes: on && r() < 0.5 ? Math.floor(r() * 40) : null,
            swelling: on ? (["none", "none", "trace", "1+", "2+"] as const)[Math.floor(r() * 5)]! : null,
            soreness: on
              ? (["none", "none", "warmup_resolved", "warmup_persisted", "after_1h_or_next_day"] as const)[
                  Math.floor(r() * 5)
                ]!
              : null,
            testPain: r() < 0.3 ? { hop: score(base), decline_squat: score(base) } : null,
          });
        }
        const measurements: MeasurementFact[] = [];
        for (const measure of [
          "single_leg_heel_raise_reps",
          "quad_strength_nm",
          "single_hop_cm",
          "visa_a",
          "visa_p",
          "lefs",
          "koos_adl",
        ]) {
          for (let day = Math.floor(r() * 14); day < 60; day += 10 + Math.floor(r() * 10)) {
            const value = 30 + Math.floor(r() * 60);
            measurements.push({ date: addDays(TODAY, day - 59), measure, side: "left", value });
            if (r() < 0.7)
              measurements.push({
                date: addDays(TODAY, day - 59),
                measure,
                side: "right",
                value: value + Math.floor((r() - 0.3) * 20),
              });
          }
        }
        out.push({
          program,
          plan: {
            timeZone: "Europe/Oslo",
            startDate: addDays(TODAY, -59),
            injuryDate: addDays(TODAY, -80),
            surgeryDate: k === 0 ? addDays(TODAY, -120) : null,
            involvedSide: k === 2 ? "both" : "left",
            currentStageId: stage.id,
            stageEnteredOn: addDays(TODAY, -(2 + Math.floor(r() * 40))),
            lastRegressOn: k === 1 ? addDays(TODAY, -Math.floor(r() * 10)) : null,
          },
          today: si % 2 ? TODAY : addDays(TODAY, -1),
          logs,
          measurements,
          signoffs: r() < 0.5 ? [{ itemId: "clinical_exam_clear", date: addDays(TODAY, -3) }] : [],
        });
      }
    });
  }
  return out;
}

/** A deep copy of the input that shares nothing with it (the programs are frozen built-ins and stay shared). */
const copyOf = (input: EvaluationInput): EvaluationInput => ({
  ...structuredClone({ ...input, program: undefined }),
  program: input.program,
});

describe("check sentences written on first read", () => {
  const inputs = corpus();

  it("covers every criterion kind, in gates and regress rules, with every status", () => {
    const seen = new Set<string>();
    for (const input of inputs) for (const c of evaluate(input).checks) seen.add(`${c.kind}:${c.role}:${c.status}`);
    const kinds: CriterionKind[] = [
      "pain",
      "settle",
      "trend",
      "capacity",
      "questionnaire",
      "adherence",
      "time",
      "repetitions",
      "swelling",
      "soreness",
      "signoff",
    ];
    for (const kind of kinds)
      expect(
        [...seen].some((s) => s.startsWith(`${kind}:`)),
        kind,
      ).toBe(true);
    for (const s of ["gate:met", "gate:not_met", "gate:no_data", "regress:met", "regress:not_met", "regress:no_data"]) {
      expect(
        [...seen].some((x) => x.endsWith(s)),
        s,
      ).toBe(true);
    }
  });

  it("are exactly those of a decision whose checks were read straight away, even after other plans were evaluated and the caller changed its input", () => {
    // Reference: checks read at once (sentences written before anything else runs).
    const reference = inputs.map((input) => JSON.stringify(evaluate(input)));
    // Deferred: evaluate everything first, then scramble each caller-owned input, then read.
    const working = inputs.map(copyOf);
    const deferred = working.map((input) => evaluate(input));
    for (const input of working) {
      for (const log of input.logs as DailyLogFact[]) {
        log.painDuring = 10;
        log.morningPain = 10;
        log.date = "1999-01-01";
      }
      (input.measurements as MeasurementFact[]).length = 0;
    }
    deferred.forEach((d, i) => {
      for (const c of d.checks) {
        expect(c.patientText.length).toBeGreaterThan(10);
        expect(c.clinicianText.length).toBeGreaterThan(10);
      }
      expect(JSON.stringify(d)).toBe(reference[i]);
    });
  });

  it("give the same JSON whether the checks were read before stringifying or not, and reading again changes nothing", () => {
    for (const input of inputs.slice(0, 40)) {
      const untouched = JSON.stringify(evaluate(input));
      const d = evaluate(input);
      const texts = d.checks.map((c) => [c.patientText, c.clinicianText]);
      expect(JSON.stringify(d)).toBe(untouched);
      expect(d.checks.map((c) => [c.patientText, c.clinicianText])).toEqual(texts);
      expect(d.checks).toBe(d.checks);
    }
  });
});

describe("a decision still behaves as a plain object", () => {
  const input = corpus().find((i) => evaluate(i).outcome === "hold")!;
  const expectedKeys = [
    "outcome",
    "fromStageId",
    "toStageId",
    "checks",
    "flags",
    "load",
    "regress",
    "patientSummary",
    "clinicianSummary",
    "engineVersion",
    "programId",
    "programVersion",
    "evaluatedFor",
  ];
  const withTexts = (d: Decision | Record<string, unknown>) =>
    (d.checks as Decision["checks"]).every(
      (c) => typeof c.patientText === "string" && c.patientText.length > 10 && c.clinicianText.length > 10,
    );

  it("has the decision's keys in the usual order, checks among them", () => {
    expect(Object.keys(evaluate(input))).toEqual(expectedKeys);
    expect(Object.keys(JSON.parse(JSON.stringify(evaluate(input))))).toEqual(
      expectedKeys.filter((k) => k !== "regress"),
    );
  });

  it("keeps its sentences through spread, structuredClone and Object.entries (how Remix single fetch encodes a loader's class instances)", () => {
    const reference = JSON.stringify(evaluate(input));
    const spread = { ...evaluate(input) };
    expect(withTexts(spread)).toBe(true);
    expect(JSON.stringify(spread)).toBe(reference);
    const cloned = structuredClone(evaluate(input));
    expect(withTexts(cloned)).toBe(true);
    expect(JSON.stringify(cloned)).toBe(reference);
    const entries = Object.fromEntries(Object.entries(evaluate(input)));
    expect(withTexts(entries)).toBe(true);
    expect(JSON.stringify(entries)).toBe(reference);
    // A check handed on by itself is a plain object with its sentences as own properties.
    const check = evaluate(input).checks[0]!;
    expect(Object.getPrototypeOf(check)).toBe(Object.prototype);
    expect(Object.keys(check)).toContain("patientText");
    expect({ ...check }.clinicianText).toBe(check.clinicianText);
  });

  it("equals another evaluation of the same input with toEqual, and its checks can be replaced by assignment", () => {
    expect(evaluate(input)).toEqual(evaluate(input));
    const d = evaluate(input);
    d.checks = [];
    expect(d.checks).toEqual([]);
    expect(JSON.parse(JSON.stringify(d)).checks).toEqual([]);
  });
});

describe("the engine's scratch space", () => {
  it("is not shared with a nested evaluation (an input whose getter evaluates another plan)", () => {
    const [outerInput, innerInput] = corpus().slice(3, 5) as [EvaluationInput, EvaluationInput];
    const expectedOuter = JSON.stringify(evaluate(outerInput));
    const expectedInner = JSON.stringify(evaluate(innerInput));
    let inner = "";
    // The getter sits on the last log, so the nested call runs after the outer one has indexed all the others.
    const last = outerInput.logs.length - 1;
    const logs = outerInput.logs.map((log, i) =>
      i === last
        ? Object.defineProperty({ ...log }, "date", {
            enumerable: true,
            get() {
              if (!inner) inner = JSON.stringify(evaluate(innerInput));
              return log.date;
            },
          })
        : log,
    );
    expect(JSON.stringify(evaluate({ ...outerInput, logs }))).toBe(expectedOuter);
    expect(inner).toBe(expectedInner);
  });
});
