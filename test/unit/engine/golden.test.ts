/**
 * Decisions must not change when the engine is restructured for speed. Seeded synthetic histories are evaluated
 * against every stage of every built-in program (and the test program's criteria), and each decision's JSON is
 * compared, by SHA-256 digest, with the digests recorded before the restructuring in golden-decisions.json.
 * Regenerate only for a deliberate change of decision content: UPDATE_GOLDEN=1 npx vitest run test/unit/engine/golden.test.ts
 * To review what changed, write the whole decisions before and after the change and compare them:
 * DUMP_GOLDEN=/tmp/before.json npx vitest run test/unit/engine/golden.test.ts
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  addDays,
  evaluate,
  type DailyLogFact,
  type Decision,
  type EvaluationInput,
  type MeasurementFact,
  type SignoffFact,
} from "~/engine";
import { builtInPrograms } from "~/programs/index.ts";
import { seededRandom } from "../../../db/seeded-random.ts";

const FILE = new URL("./golden-decisions.json", import.meta.url);
const TODAY = "2026-06-30";
const DAYS = 90;

const MEASURES = [
  "single_leg_heel_raise_reps",
  "quad_strength_nm",
  "single_hop_cm",
  "isometric_strength_nm",
  "visa_a",
  "visa_p",
  "lefs",
  "koos_adl",
  "global_rating",
  "psfs",
];
const SIGNOFFS = ["clinical_exam_clear", "h_test_no_insecurity", "insertional_pain"];
const SORENESS = [null, "none", "none", "none", "warmup_resolved", "warmup_persisted", "after_1h_or_next_day"] as const;
const SWELLING = [null, "none", "none", "trace", "1+", "2+"] as const;

function history(seed: number): { logs: DailyLogFact[]; measurements: MeasurementFact[]; signoffs: SignoffFact[] } {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const score = (base: number) => Math.max(0, Math.min(10, Math.round(base + (r() - 0.5) * 3)));
  const start = addDays(TODAY, -(DAYS - 1));
  const painBase = r() * 5;
  const logs: DailyLogFact[] = [];
  for (let i = 0; i < DAYS; i++) {
    if (r() < 0.06) continue;
    const sessionDone = pick(["done", "done", "done", "partial", "none"] as const);
    const on = sessionDone !== "none";
    logs.push({
      date: addDays(start, i),
      morningPain: r() < 0.9 ? score(painBase - 1) : null,
      morningStiffness: r() < 0.85 ? score(painBase) : null,
      sessionDone,
      painDuring: on && r() < 0.95 ? score(painBase) : null,
      painAfter: on && r() < 0.8 ? score(painBase - 0.5) : null,
      painAtRest: r() < 0.3 ? score(painBase - 2) : null,
      sessionMinutes: on ? 15 + Math.floor(r() * 50) : null,
      sessionRpe: on ? Math.floor(r() * 9) + 1 : null,
      runningMinutes: on && r() < 0.4 ? Math.floor(r() * 40) : null,
      swelling: on ? pick(SWELLING) : null,
      soreness: on ? pick(SORENESS) : null,
      exercises: null,
      otherActivities: r() < 0.1 ? [{ label: "cycling", minutes: 30, rpe: 4 }] : null,
      testPain: r() < 0.2 ? { hop: score(painBase), decline_squat: score(painBase) } : null,
    });
  }
  // An edited day and a future entry, as the app can send them.
  if (logs.length > 3) logs.push({ ...logs[logs.length - 2]!, painDuring: score(painBase) });
  logs.push({ date: addDays(TODAY, 1), sessionDone: "done", painDuring: 9 });
  const measurements: MeasurementFact[] = [];
  for (const m of MEASURES) {
    for (let day = Math.floor(r() * 20); day < DAYS + 2; day += 7 + Math.floor(r() * 14)) {
      const date = addDays(start, day);
      const v = 20 + Math.floor(r() * 80);
      if (r() < 0.7) measurements.push({ date, measure: m, side: "left", value: v });
      if (r() < 0.7)
        measurements.push({ date, measure: m, side: "right", value: Math.max(1, v + Math.floor((r() - 0.5) * 30)) });
      if (r() < 0.3) measurements.push({ date, measure: m, side: null, value: v });
    }
  }
  const signoffs = SIGNOFFS.filter(() => r() < 0.5).map((itemId) => ({
    itemId,
    date: addDays(TODAY, -Math.floor(r() * 40)),
  }));
  return { logs, measurements, signoffs };
}

function inputs(): { name: string; input: EvaluationInput }[] {
  const out: { name: string; input: EvaluationInput }[] = [];
  let seed = 1;
  for (const program of builtInPrograms) {
    program.stages.forEach((stage, si) => {
      for (let k = 0; k < 4; k++) {
        const h = history(seed++);
        const r = seededRandom(seed * 7);
        out.push({
          name: `${program.id}/${stage.id}/${k}`,
          input: {
            program,
            plan: {
              timeZone: "Europe/Stockholm",
              startDate: addDays(TODAY, -(DAYS - 1)),
              injuryDate: addDays(TODAY, -DAYS - 10),
              surgeryDate: k % 2 === 0 ? addDays(TODAY, -DAYS - 60) : null,
              involvedSide: (["left", "right", "both", "none"] as const)[k]!,
              currentStageId: stage.id,
              stageEnteredOn: addDays(TODAY, -(3 + Math.floor(r() * 50))),
              lastRegressOn: r() < 0.4 ? addDays(TODAY, -Math.floor(r() * 20)) : null,
            },
            today: si % 2 === 0 ? TODAY : addDays(TODAY, -1),
            ...h,
          },
        });
      }
    });
  }
  return out;
}

// The version stamp is left out: bumping ENGINE_VERSION for a deliberate rule change must not hide (or fake) a change here.
const digest = (d: Decision) =>
  createHash("sha256")
    .update(JSON.stringify({ ...d, engineVersion: undefined }))
    .digest("hex")
    .slice(0, 16);

describe("decisions are unchanged by engine restructuring", () => {
  it("every seeded history × built-in program stage gives the recorded decision", () => {
    const all = inputs();
    expect(all.length).toBeGreaterThan(100);
    const got: Record<string, string> = {};
    const decisions: Record<string, Decision> = {};
    for (const { name, input } of all) {
      const d = evaluate(input);
      // Same input twice → the same decision (per-program caches must not leak between evaluations).
      expect(evaluate(input)).toEqual(d);
      got[name] = digest(d);
      decisions[name] = d;
    }
    if (process.env.DUMP_GOLDEN) writeFileSync(process.env.DUMP_GOLDEN, `${JSON.stringify(decisions, null, 1)}\n`);
    if (process.env.UPDATE_GOLDEN) {
      writeFileSync(FILE, `${JSON.stringify(got, null, 1)}\n`);
      return;
    }
    const want = JSON.parse(readFileSync(FILE, "utf8")) as Record<string, string>;
    expect(got).toEqual(want);
  });
});
