/**
 * A decision is plain data, complete when evaluate() returns: every check carries its patient and clinician sentences
 * as own data properties, the decision survives everything that copies or serialises it (JSON, spread,
 * structuredClone, Object.entries as Remix single fetch does) unchanged, and nothing evaluated afterwards (another
 * plan, a plan evaluated from inside an evaluation) or done to the caller's input changes it.
 */
import { describe, expect, it } from "vitest";
import {
  addDays,
  evaluate,
  type Check,
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

/** A data property holding a non-trivial string (not an accessor). */
function ownText(check: Check, key: "patientText" | "clinicianText"): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(check, key);
  return (
    descriptor !== undefined &&
    !("get" in descriptor) &&
    descriptor.enumerable === true &&
    typeof descriptor.value === "string" &&
    descriptor.value.length > 10
  );
}

const withTexts = (d: Decision | Record<string, unknown>) =>
  (d.checks as Check[]).every((c) => typeof c.patientText === "string" && c.patientText.length > 10);

describe("a decision is complete when evaluate() returns", () => {
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

  it("every check is a plain object with both sentences as own data properties, and so are the decision's fields", () => {
    for (const input of inputs) {
      const d = evaluate(input);
      expect(Object.getPrototypeOf(d)).toBe(Object.prototype);
      for (const key of Object.keys(d)) expect("get" in Object.getOwnPropertyDescriptor(d, key)!, key).toBe(false);
      for (const check of d.checks) {
        expect(Object.getPrototypeOf(check)).toBe(Object.prototype);
        expect(ownText(check, "patientText"), `${check.id} patientText`).toBe(true);
        expect(ownText(check, "clinicianText"), `${check.id} clinicianText`).toBe(true);
      }
    }
  });

  it("is not changed by evaluating other plans afterwards, nor by the caller changing its input", () => {
    const working = inputs.map(copyOf);
    const decisions = working.map((input) => evaluate(input));
    const atOnce = decisions.map((d) => JSON.stringify(d));
    // Everything else evaluated after them, then every caller-owned input scrambled.
    for (const input of inputs) evaluate(input);
    for (const input of working) {
      for (const log of input.logs as DailyLogFact[]) {
        log.painDuring = 10;
        log.morningPain = 10;
        log.date = "1999-01-01";
      }
      (input.measurements as MeasurementFact[]).length = 0;
    }
    decisions.forEach((d, i) => expect(JSON.stringify(d)).toBe(atOnce[i]));
    // And equal to a fresh evaluation of the original input.
    decisions.forEach((d, i) => expect(JSON.stringify(d)).toBe(JSON.stringify(evaluate(inputs[i]!))));
  });

  it("is not changed by a plan evaluated from inside its evaluation (an input whose getter evaluates another plan)", () => {
    const [outerInput, innerInput] = inputs.slice(3, 5) as [EvaluationInput, EvaluationInput];
    const expectedOuter = JSON.stringify(evaluate(outerInput));
    const expectedInner = JSON.stringify(evaluate(innerInput));
    let inner = "";
    // The getter sits on the last log, so the nested call runs after the outer one has read all the others.
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

describe("a decision survives copying and serialising unchanged", () => {
  const inputs = corpus();
  const hold = inputs.find((i) => evaluate(i).outcome === "hold")!;
  const expectedKeys = [
    "outcome",
    "fromStageId",
    "toStageId",
    "checks",
    "flags",
    "load",
    "regress",
    "requiresClinician",
    "doseChanges",
    "patientSummary",
    "clinicianSummary",
    "engineVersion",
    "programId",
    "programVersion",
    "evaluatedFor",
  ];

  it("has the decision's keys in the usual order", () => {
    expect(Object.keys(evaluate(hold))).toEqual(expectedKeys);
    expect(Object.keys(JSON.parse(JSON.stringify(evaluate(hold))))).toEqual(
      expectedKeys.filter((k) => k !== "regress" && k !== "requiresClinician"),
    );
  });

  it("through JSON, spread, structuredClone and Object.entries (how Remix single fetch encodes a loader's data)", () => {
    for (const input of inputs) {
      const d = evaluate(input);
      const reference = JSON.stringify(d);
      const copies = [
        JSON.parse(reference) as Decision,
        { ...d },
        structuredClone(d),
        Object.fromEntries(Object.entries(d)) as unknown as Decision,
      ];
      for (const copy of copies) {
        expect(withTexts(copy)).toBe(true);
        expect(JSON.stringify(copy)).toBe(reference);
        expect(copy).toEqual(JSON.parse(reference));
      }
      // A check handed on by itself keeps its sentences too.
      for (const check of d.checks) expect({ ...check }).toEqual(check);
      expect(JSON.stringify(d)).toBe(reference); // copying changed nothing
    }
  });

  it("equals another evaluation of the same input with toEqual, and its checks can be replaced by assignment", () => {
    expect(evaluate(hold)).toEqual(evaluate(hold));
    const d = evaluate(hold);
    d.checks = [];
    expect(d.checks).toEqual([]);
    expect(JSON.parse(JSON.stringify(d)).checks).toEqual([]);
  });
});
