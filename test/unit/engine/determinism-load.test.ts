import { describe, expect, it } from "vitest";
import { evaluate } from "~/engine";
import type { Criterion, EvaluationInput } from "~/engine";
import { history, input, measure, TODAY } from "./helpers";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const gates: Criterion[] = [
  { id: "pain_during", kind: "pain", metric: "during", aggregate: "max", window: { days: 7 } },
  { id: "settled", kind: "settle", window: { sessions: 3 }, baseline: "pre_session" },
  { id: "lsi", kind: "capacity", measure: "single_leg_heel_raise_reps", mode: "lsi", comparator: "gte", threshold: 90 },
];

function richInput(): EvaluationInput {
  return input({
    gates,
    minDays: 7,
    logs: history(40, (i) => ({
      painDuring: i % 5,
      morningPain: i % 3,
      sessionRpe: 5,
      sessionMinutes: 30 + (i % 7) * 5,
      runningMinutes: i > 30 ? 20 : 10,
    })),
    measurements: [
      measure(TODAY, "single_leg_heel_raise_reps", 24, "left"),
      measure(TODAY, "single_leg_heel_raise_reps", 25, "right"),
    ],
  });
}

describe("determinism", () => {
  it("The same plan evaluated twice gives the identical decision, and the input is never modified", () => {
    const frozen = deepFreeze(richInput());
    const first = evaluate(frozen);
    const second = evaluate(frozen);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it("The order in which the app loads logs and measurements does not change the decision", () => {
    const ordered = richInput();
    const shuffled: EvaluationInput = {
      ...ordered,
      logs: [...ordered.logs].reverse(),
      measurements: [...ordered.measurements].reverse(),
    };
    expect(evaluate(shuffled)).toEqual(evaluate(ordered));
  });
});

describe("load figures are information only", () => {
  it("Session-RPE load is RPE × minutes plus other activities, with weekly totals, monotony and strain", () => {
    const decision = evaluate(
      input({
        logs: history(7, (i) =>
          i === 6
            ? { sessionRpe: 6, sessionMinutes: 40, otherActivities: [{ label: "cycling", minutes: 30, rpe: 3 }] }
            : { sessionRpe: 4, sessionMinutes: 30 },
        ),
      }),
    );
    const week = decision.load.weeks[0]!;
    expect(decision.load.daily.at(-1)).toEqual({ date: TODAY, load: 330 });
    expect(week.total).toBe(6 * 120 + 330);
    // Daily loads: six days of 120 and one of 330 → mean 150, SD 73.48 → monotony 2.04, strain total × monotony.
    const monotony = 150 / Math.sqrt((6 * 30 ** 2 + 180 ** 2) / 7);
    expect(week.monotony).toBeCloseTo(monotony, 2);
    expect(week.strain).toBeCloseTo(1050 * monotony, 1);
    expect(decision.load.acute).toBe(week.total);
    expect(decision.load.chronic).toBe(week.total / 4);
    expect(decision.load.acwr).toBe(4);
  });

  it("A spike in training load (ACWR 4, far above Gabbett's 1.5) never triggers a regress by itself", () => {
    const decision = evaluate(
      input({
        gates: [{ id: "t", kind: "time", from: "stage_entry", days: 1 }],
        logs: history(7, () => ({ sessionRpe: 9, sessionMinutes: 120 })),
      }),
    );
    expect(decision.load.acwr).toBe(4);
    expect(decision.outcome).toBe("advance");
    expect(decision.load.note).toMatch(/never trigger/);
  });

  it("Running minutes are compared week on week (Nielsen: > 30 % over two weeks is risky) as information", () => {
    const decision = evaluate(input({ logs: history(14, (i) => ({ runningMinutes: i < 7 ? 20 : 30 })) }));
    expect(decision.load.runningChangePercent).toBe(50);
  });
});
