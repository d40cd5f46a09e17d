/**
 * `conflicting_rules`: a pain criterion on `during`/`after` contradicts the program's pain model when a gate passes on
 * a pain score the model does not accept, or a regress rule triggers on a score the model accepts. Asking for less
 * pain than the model allows before advancing, or backing off only on pain the model rejects, is consistent.
 */
import { describe, expect, it } from "vitest";
import type { Criterion, PainModel, RegressRule } from "~/engine";
import { history, input, SILBERNAGEL } from "./helpers";
import { evaluate } from "~/engine";

const ALFREDSON: Partial<PainModel> = {
  name: "Alfredson: pain allowed unless disabling",
  duringMax: null,
  afterMax: null,
  inclusive: true,
  redFlagPain: 8,
};
const ASKLING: Partial<PainModel> = {
  name: "Askling: pain-free",
  duringMax: 0,
  afterMax: null,
  inclusive: true,
  redFlagPain: 4,
};
const EXCLUSIVE_5: Partial<PainModel> = { duringMax: 5, inclusive: false };

const gate = (extra: Partial<Extract<Criterion, { kind: "pain" }>> = {}): Criterion => ({
  id: "pain_during",
  kind: "pain",
  metric: "during",
  aggregate: "max",
  window: { sessions: 3 },
  ...extra,
});
const stopRule = (extra: Partial<Extract<Criterion, { kind: "pain" }>> = {}): RegressRule => ({
  id: "stop",
  label: "Stop",
  criteria: [{ id: "latest", kind: "pain", metric: "during", aggregate: "latest", window: { sessions: 1 }, ...extra }],
  action: { to: "stay" },
});

interface ConflictCase {
  name: string;
  painModel?: Partial<PainModel>;
  gates?: Criterion[];
  regressRules?: RegressRule[];
  conflict: boolean;
  /** Part of the flag's message. */
  message?: RegExp;
}

const cases: ConflictCase[] = [
  // Alfredson: "continue despite pain unless disabling".
  {
    name: "Alfredson patient with a disabling-pain stop rule (> 7/10) raises no conflict flag",
    painModel: ALFREDSON,
    regressRules: [stopRule({ comparator: "gt", threshold: 7 })],
    conflict: false,
  },
  {
    name: "Alfredson patient with a stop rule at the red-flag level (≥ 8/10) raises no conflict flag",
    painModel: ALFREDSON,
    regressRules: [stopRule({ comparator: "gte", threshold: 8 })],
    conflict: false,
  },
  {
    name: "Alfredson patient whose gate asks for pain-free exercises before adding load (= 0) raises no conflict flag",
    painModel: ALFREDSON,
    gates: [gate({ comparator: "eq", threshold: 0 })],
    conflict: false,
  },
  {
    name: "Alfredson patient whose gate asks for pain ≤ 3/10 before adding load raises no conflict flag (a gate may ask for less pain than allowed)",
    painModel: ALFREDSON,
    gates: [gate({ comparator: "lte", threshold: 3 })],
    conflict: false,
  },
  {
    name: "Alfredson patient told to back off at 3/10 is flagged: the model says continue despite pain",
    painModel: ALFREDSON,
    regressRules: [stopRule({ comparator: "gte", threshold: 3 })],
    conflict: true,
    message: /triggers on 3–7\/10.*pain allowed below the red-flag level 8\/10/,
  },
  {
    name: "Alfredson patient whose gate passes on 9/10 (at or above the red-flag level) is flagged",
    painModel: ALFREDSON,
    gates: [gate({ comparator: "lte", threshold: 9 })],
    conflict: true,
    message: /passes on 8–9\/10/,
  },
  // Silbernagel: pain during loading may reach 5/10, not exceed it.
  {
    name: "Silbernagel patient whose gates and stop rule take the model's 5/10 limit raises no conflict flag",
    painModel: SILBERNAGEL,
    gates: [gate()],
    regressRules: [stopRule()],
    conflict: false,
  },
  {
    name: "Silbernagel patient whose gate asks for pain ≤ 2/10 before moving on (stricter than the model) raises no conflict flag",
    painModel: SILBERNAGEL,
    gates: [gate({ comparator: "lte", threshold: 2 })],
    conflict: false,
  },
  {
    name: "Silbernagel patient backed off only above 7/10 raises no conflict flag (a gap, not a contradiction)",
    painModel: SILBERNAGEL,
    regressRules: [stopRule({ comparator: "gt", threshold: 7 })],
    conflict: false,
  },
  {
    name: "Silbernagel patient whose gate accepts pain up to 7/10 is flagged: the model allows 5/10 at most",
    painModel: SILBERNAGEL,
    gates: [gate({ comparator: "lte", threshold: 7 })],
    conflict: true,
    message: /passes on 6–7\/10.*does not allow \(during pain ≤ 5\/10\)/,
  },
  {
    name: "Silbernagel patient told to back off at 4/10 is flagged: the model accepts pain up to 5/10",
    painModel: SILBERNAGEL,
    regressRules: [stopRule({ comparator: "gte", threshold: 4 })],
    conflict: true,
    message: /Regress rule 'stop' criterion 'latest' \(during pain ≥ 4\/10\) triggers on 4–5\/10/,
  },
  {
    name: "Exclusive 5/10 model: a gate accepting exactly 5/10 (≤ 5) is flagged, a gate below 5 (< 5) is not",
    painModel: EXCLUSIVE_5,
    gates: [gate({ comparator: "lte", threshold: 5 })],
    conflict: true,
    message: /passes on 5\/10/,
  },
  {
    name: "Exclusive 5/10 model: a gate taking the model's limit (< 5) raises no conflict flag",
    painModel: EXCLUSIVE_5,
    gates: [gate()],
    regressRules: [stopRule()],
    conflict: false,
  },
  // Askling: pain-free.
  {
    name: "Askling patient with pain-free gates and an any-pain stop rule taken from the model raises no conflict flag",
    painModel: ASKLING,
    gates: [gate()],
    regressRules: [stopRule()],
    conflict: false,
  },
  {
    name: "Askling patient whose gate accepts 2/10 during the L-protocol is flagged: the protocol is pain-free",
    painModel: ASKLING,
    gates: [gate({ comparator: "lte", threshold: 2 })],
    conflict: true,
    message: /passes on 1–2\/10/,
  },
  // Pain after loading.
  {
    name: "A model without an after-loading limit never flags an after-pain rule",
    painModel: { ...SILBERNAGEL, afterMax: null },
    gates: [gate({ metric: "after", comparator: "lte", threshold: 9 })],
    conflict: false,
  },
  {
    name: "Pain after loading: a regress rule at 3/10 under a 5/10 after-limit is flagged",
    painModel: SILBERNAGEL,
    regressRules: [stopRule({ metric: "after", comparator: "gte", threshold: 3 })],
    conflict: true,
    message: /after pain ≥ 3\/10/,
  },
  // Other metrics have no model limit.
  {
    name: "A next-morning pain rule is never judged against the during/after limits",
    painModel: ALFREDSON,
    regressRules: [stopRule({ metric: "next_morning", comparator: "gte", threshold: 2 })],
    conflict: false,
  },
];

describe("conflicting rules: pain criteria against the program's pain model", () => {
  it.each(cases)("$name", ({ painModel, gates, regressRules, conflict, message }) => {
    const d = evaluate(
      input({
        painModel,
        gates: gates ?? [{ id: "t", kind: "time", from: "stage_entry", days: 1 }],
        regressRules,
        logs: history(5, () => ({ painDuring: 0, painAfter: 0 })),
      }),
    );
    const flags = d.flags.filter((f) => f.code === "conflicting_rules");
    expect(flags.length > 0, flags.map((f) => f.message).join("\n")).toBe(conflict);
    if (message) expect(flags.map((f) => f.message).join("\n")).toMatch(message);
  });

  it("A soreness level that both passes a gate and triggers a regress rule is still flagged", () => {
    const d = evaluate(
      input({
        gates: [
          {
            id: "sore",
            kind: "soreness",
            aggregate: "latest",
            window: { sessions: 1 },
            levels: ["none", "warmup_resolved"],
          },
        ],
        regressRules: [
          {
            id: "sore",
            label: "Sore",
            criteria: [
              { id: "s", kind: "soreness", aggregate: "latest", window: { sessions: 1 }, levels: ["warmup_resolved"] },
            ],
            action: { to: "previous" },
          },
        ],
      }),
    );
    expect(d.flags.find((f) => f.code === "conflicting_rules")?.message).toMatch(/warmup_resolved/);
  });
});
