import { describe, it } from "vitest";
import { addDays, evaluate } from "~/engine";
import type { Criterion } from "~/engine";
import { input, measure, TODAY, verify, type Case } from "./helpers";

const d = (n: number) => addDays(TODAY, n);
const heelRaiseLsi: Criterion = {
  id: "heel_raise_lsi",
  kind: "capacity",
  measure: "single_leg_heel_raise_reps",
  mode: "lsi",
  comparator: "gte",
  threshold: 90,
};
const quadLsiExclusive: Criterion = {
  id: "quad_lsi",
  kind: "capacity",
  measure: "quad_strength_nm",
  mode: "lsi",
  comparator: "gt",
  threshold: 90,
};
const timedHop: Criterion = {
  id: "timed_hop_lsi",
  kind: "capacity",
  measure: "timed_6m_hop_s",
  mode: "lsi",
  lowerIsBetter: true,
  comparator: "gte",
  threshold: 90,
};

const cases: Case[] = [
  {
    name: "Heel-raise symmetry of exactly 90 % under a ≥ 90 % gate passes, and the boundary is flagged for the clinician",
    input: () =>
      input({
        gates: [heelRaiseLsi],
        measurements: [
          measure(d(-1), "single_leg_heel_raise_reps", 27, "left"),
          measure(d(-1), "single_leg_heel_raise_reps", 30, "right"),
        ],
      }),
    expect: { outcome: "advance", checks: { heel_raise_lsi: { status: "met", observed: 90 } }, flags: ["boundary"] },
  },
  {
    name: "ACL patient with quadriceps LSI of exactly 90 % under Grindem's strict > 90 % criterion holds, with the boundary flagged",
    input: () =>
      input({
        gates: [quadLsiExclusive],
        measurements: [measure(d(0), "quad_strength_nm", 180, "left"), measure(d(0), "quad_strength_nm", 200, "right")],
      }),
    expect: { outcome: "hold", checks: { quad_lsi: { status: "not_met", observed: 90 } }, flags: ["boundary"] },
  },
  {
    name: "An LSI of 57 % computed with float noise (57 ÷ 100 × 100) still meets a ≥ 57 % gate",
    input: () =>
      input({
        gates: [{ ...heelRaiseLsi, threshold: 57 }],
        measurements: [
          measure(d(0), "single_leg_heel_raise_reps", 57, "left"),
          measure(d(0), "single_leg_heel_raise_reps", 100, "right"),
        ],
      }),
    expect: { outcome: "advance", checks: { heel_raise_lsi: { status: "met", observed: 57 } } },
  },
  {
    name: "Timed 6 m hop: 2.2 s on the involved leg against 2.0 s gives an inverted LSI of 90.9 % (lower is better)",
    input: () =>
      input({
        gates: [timedHop],
        measurements: [measure(d(0), "timed_6m_hop_s", 2.2, "left"), measure(d(0), "timed_6m_hop_s", 2.0, "right")],
      }),
    expect: { outcome: "advance", checks: { timed_hop_lsi: { status: "met", observed: 90.909091 } } },
  },
  {
    name: "Right-side ACL patient's symmetry is involved (right) ÷ uninvolved (left)",
    input: () =>
      input({
        plan: { involvedSide: "right" },
        gates: [heelRaiseLsi],
        measurements: [
          measure(d(0), "single_leg_heel_raise_reps", 20, "left"),
          measure(d(0), "single_leg_heel_raise_reps", 15, "right"),
        ],
      }),
    expect: { outcome: "hold", checks: { heel_raise_lsi: { status: "not_met", observed: 75 } } },
  },
  {
    name: "Legs tested on different days give no symmetry index: the comparison must be same-day",
    input: () =>
      input({
        gates: [heelRaiseLsi],
        measurements: [
          measure(d(-3), "single_leg_heel_raise_reps", 30, "right"),
          measure(d(0), "single_leg_heel_raise_reps", 29, "left"),
        ],
      }),
    expect: {
      outcome: "hold",
      checks: {
        heel_raise_lsi: { status: "no_data", missing: /both legs tested for single-leg heel raises on the same day/ },
      },
    },
  },
  {
    name: "Patient with both Achilles involved has no limb symmetry, and the check says why",
    input: () =>
      input({
        plan: { involvedSide: "both" },
        gates: [heelRaiseLsi],
        measurements: [
          measure(d(0), "single_leg_heel_raise_reps", 25, "left"),
          measure(d(0), "single_leg_heel_raise_reps", 30, "right"),
        ],
      }),
    expect: { outcome: "hold", checks: { heel_raise_lsi: { status: "no_data", missing: /one involved side/ } } },
  },
  {
    name: "Silbernagel phase-2 entry: 10 single-leg heel raises on the involved leg, read from the latest test",
    input: () =>
      input({
        gates: [
          {
            id: "ten_raises",
            kind: "capacity",
            measure: "single_leg_heel_raise_reps",
            mode: "absolute",
            comparator: "gte",
            threshold: 10,
            unit: "reps",
          },
        ],
        measurements: [
          measure(d(-7), "single_leg_heel_raise_reps", 6, "left"),
          measure(d(0), "single_leg_heel_raise_reps", 12, "left"),
          measure(d(0), "single_leg_heel_raise_reps", 8, "right"),
        ],
      }),
    expect: { outcome: "advance", checks: { ten_raises: { status: "met", observed: 12 } } },
  },
  {
    name: "Bilateral patient's absolute heel-raise gate is judged on the weaker leg",
    input: () =>
      input({
        plan: { involvedSide: "both" },
        gates: [
          {
            id: "ten_raises",
            kind: "capacity",
            measure: "single_leg_heel_raise_reps",
            mode: "absolute",
            comparator: "gte",
            threshold: 10,
          },
        ],
        measurements: [
          measure(d(0), "single_leg_heel_raise_reps", 12, "left"),
          measure(d(0), "single_leg_heel_raise_reps", 9, "right"),
        ],
      }),
    expect: { outcome: "hold", checks: { ten_raises: { status: "not_met", observed: 9 } } },
  },
  {
    name: "Hamstring isometric strength improved by 30 Nm since the first test meets a ≥ 20 Nm change gate",
    input: () =>
      input({
        gates: [
          {
            id: "strength_gain",
            kind: "capacity",
            measure: "iso_strength_nm",
            mode: "change_from_baseline",
            comparator: "gte",
            threshold: 20,
          },
        ],
        measurements: [
          measure(d(-20), "iso_strength_nm", 100, "left"),
          measure(d(-10), "iso_strength_nm", 115, "left"),
          measure(d(0), "iso_strength_nm", 130, "left"),
        ],
      }),
    expect: { outcome: "advance", checks: { strength_gain: { status: "met", observed: 30 } } },
  },
  {
    name: "A single strength test cannot show a change from baseline",
    input: () =>
      input({
        gates: [
          {
            id: "strength_gain",
            kind: "capacity",
            measure: "iso_strength_nm",
            mode: "change_from_baseline",
            comparator: "gte",
            threshold: 20,
          },
        ],
        measurements: [measure(d(0), "iso_strength_nm", 130, "left")],
      }),
    expect: { outcome: "hold", checks: { strength_gain: { status: "no_data", missing: /second/ } } },
  },
  {
    name: "A hop test older than the gate's 30-day limit no longer counts",
    input: () =>
      input({
        gates: [
          {
            id: "hop_lsi",
            kind: "capacity",
            measure: "single_hop_cm",
            mode: "lsi",
            comparator: "gte",
            threshold: 90,
            maxAgeDays: 30,
          },
        ],
        measurements: [measure(d(-31), "single_hop_cm", 150, "left"), measure(d(-31), "single_hop_cm", 155, "right")],
      }),
    expect: { outcome: "hold", checks: { hop_lsi: { status: "no_data", missing: /last 30 days/ } } },
  },
  {
    name: "Achilles patient with VISA-A 85 meets a ≥ 80 questionnaire gate",
    input: () =>
      input({
        gates: [
          {
            id: "visa_a",
            kind: "questionnaire",
            instrument: "visa_a",
            mode: "absolute",
            comparator: "gte",
            threshold: 80,
          },
        ],
        measurements: [measure(d(-14), "visa_a", 57), measure(d(0), "visa_a", 85)],
      }),
    expect: { outcome: "advance", checks: { visa_a: { status: "met", observed: 85 } } },
  },
  {
    name: "Patellar patient whose VISA-P improved by exactly the MCID of 13 meets the change gate, flagged as a boundary",
    input: () =>
      input({
        gates: [
          {
            id: "visa_p_change",
            kind: "questionnaire",
            instrument: "visa_p",
            mode: "change_from_baseline",
            comparator: "gte",
            threshold: 13,
          },
        ],
        measurements: [measure(d(-28), "visa_p", 50), measure(d(0), "visa_p", 63)],
      }),
    expect: { outcome: "advance", checks: { visa_p_change: { status: "met", observed: 13 } }, flags: ["boundary"] },
  },
  {
    name: "ACL patient without a KOOS-ADL score is held, and the check names the missing questionnaire",
    input: () =>
      input({
        gates: [
          {
            id: "koos",
            kind: "questionnaire",
            instrument: "koos_adl",
            mode: "absolute",
            comparator: "gt",
            threshold: 90,
          },
        ],
        measurements: [measure(d(0), "lefs", 70)],
      }),
    expect: { outcome: "hold", checks: { koos: { status: "no_data", missing: /KOOS-ADL/ } } },
  },
  {
    name: "A custom clinic questionnaire is read by its own measurement id",
    input: () =>
      input({
        gates: [
          {
            id: "confidence",
            kind: "questionnaire",
            instrument: "custom",
            measure: "acl_rsi",
            mode: "absolute",
            comparator: "gte",
            threshold: 65,
          },
        ],
        measurements: [measure(d(0), "acl_rsi", 70)],
      }),
    expect: { outcome: "advance", checks: { confidence: { status: "met", observed: 70 } } },
  },
];

describe("capacity measures and questionnaires", () => {
  it.each(cases)("$name", ({ input: make, expect: e }) => verify(evaluate(make()), e));
});
