import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, signIn } from "./support.ts";

// A physio builds a realistic three-stage program in the editor (each stage: two exercises with a dose, two gates, a
// regress rule and a progression rule), saves it, reads it back on the program page and runs it in Try it. Every
// interaction goes through the counters below, so the run also reports how many the build takes (see ADR 057 for the
// estimate in minutes). Not a timed test.

const counts = { typed: 0, selected: 0, clicked: 0 };

async function type(field: Locator, value: string) {
  await field.fill(value);
  await field.blur();
  counts.typed += 1;
}
async function choose(field: Locator, label: string) {
  await field.selectOption({ label });
  counts.selected += 1;
}
async function click(target: Locator) {
  await target.click();
  counts.clicked += 1;
}

type Exercise = { name: string; reps?: string; kg?: string };
type Gate = { kind: string; fill?: (gate: Locator) => Promise<void> };
type StagePlan = {
  name: string;
  goal: string;
  instructions: string;
  minDays?: string;
  exercises: [Exercise, Exercise];
  gates: [Gate, Gate];
  /** The new rule starts as "Pain flare": pain during above the model's limit, back one stage. */
  regress: { label?: string; then?: string; reduction?: string };
  progression: (rule: Locator) => Promise<void>;
};

const PLAN: StagePlan[] = [
  {
    name: "Isometrics",
    goal: "Settle pain with holds",
    instructions: "Hold each calf raise for 45 seconds, five times.",
    exercises: [
      { name: "Isometric calf raise", kg: "10" },
      { name: "Wall sit", reps: "5" },
    ],
    gates: [{ kind: "Pain" }, { kind: "Time" }],
    regress: { then: "stay, with less load", reduction: "20" },
    progression: async (rule) => {
      await choose(rule.getByLabel("Progression", { exact: true }), "Add load");
      await type(rule.getByLabel("Add (kg)"), "2.5");
      await type(rule.getByLabel("Never above (kg)"), "20");
    },
  },
  {
    name: "Isotonic loading",
    goal: "Build strength",
    instructions: "Slow heel raises off a step, three sets.",
    minDays: "14",
    exercises: [
      { name: "Heel raise off a step", reps: "8", kg: "12.5" },
      { name: "Seated calf raise", reps: "12", kg: "20" },
    ],
    gates: [
      { kind: "Pain" },
      {
        kind: "Questionnaire",
        fill: async (gate) => type(gate.getByLabel("Threshold", { exact: true }), "60"),
      },
    ],
    regress: {},
    progression: async (rule) => {
      await choose(rule.getByLabel("Progression", { exact: true }), "Double progression (reps, then load)");
      await type(rule.getByLabel("Reps from"), "8");
      await type(rule.getByLabel("Reps up to"), "12");
      await type(rule.getByLabel("Then add (kg)"), "2.5");
    },
  },
  {
    name: "Return to running",
    goal: "Run again",
    instructions: "Hop and skip drills, then easy running.",
    minDays: "14",
    exercises: [
      { name: "Single-leg hops", reps: "20" },
      { name: "Weighted heel raise", kg: "30" },
    ],
    gates: [
      {
        kind: "Questionnaire",
        fill: async (gate) => type(gate.getByLabel("Threshold", { exact: true }), "80"),
      },
      {
        kind: "Capacity / limb symmetry",
        fill: async (gate) => choose(gate.getByLabel("Capacity test"), "single-leg heel raises"),
      },
    ],
    regress: {},
    progression: async (rule) => {
      await choose(rule.getByLabel("Progression", { exact: true }), "Add load");
      await type(rule.getByLabel("Add (% of the load)"), "10");
    },
  },
];

async function buildStage(page: Page, index: number, plan: StagePlan) {
  const stage = page.locator("fieldset.editor-stage").nth(index);
  await type(stage.getByLabel("Stage name"), plan.name);
  if (plan.minDays) await type(stage.getByLabel("Minimum days in stage"), plan.minDays);
  await type(stage.getByLabel("Goal of the stage"), plan.goal);
  await type(stage.getByLabel("Instructions for the patient (plain words)"), plan.instructions);

  for (const [i, exercise] of plan.exercises.entries()) {
    await click(stage.getByRole("button", { name: "Add an exercise" }));
    const block = stage.getByRole("group", { name: `Exercise ${i + 1}`, exact: true });
    // The new row's name has the focus: the physio types straight away.
    await expect(block.getByLabel("Exercise", { exact: true })).toBeFocused();
    await type(block.getByLabel("Exercise", { exact: true }), exercise.name);
    if (exercise.reps) await type(block.getByLabel("Reps", { exact: true }), exercise.reps);
    if (exercise.kg) await type(block.getByLabel("Load (kg)"), exercise.kg);
  }

  await plan.progression(stage.getByRole("group", { name: "Stage progression" }));

  for (const [i, gate] of plan.gates.entries()) {
    await click(stage.getByRole("button", { name: "Add a gate" }));
    await click(stage.getByRole("group", { name: "Kind of gate" }).getByRole("button", { name: gate.kind }));
    await gate.fill?.(stage.getByRole("group", { name: `Gate ${i + 1}`, exact: true }));
  }

  await click(stage.getByRole("button", { name: "Add a regress rule" }));
  const rule = stage.getByRole("group", { name: "Regress rule 1" });
  // A row just added shows no errors before the physio has been in its fields.
  await expect(rule.getByLabel("Label", { exact: true })).toBeFocused();
  await expect(rule.locator("[aria-invalid=true]")).toHaveCount(0);
  await expect(rule.getByLabel("Label", { exact: true })).toHaveValue("Pain flare");
  if (plan.regress.label) await type(rule.getByLabel("Label", { exact: true }), plan.regress.label);
  if (plan.regress.then) await choose(rule.getByLabel("Then"), plan.regress.then);
  if (plan.regress.reduction) await type(rule.getByLabel("Load reduction %"), plan.regress.reduction);
}

test("a physio builds a three-stage program with progression rules, reads it back and tries it", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, DEMO.clinician);
  await page.waitForURL(/\/clinic$/);
  await page.goto("/clinic/programs/new");
  await expect(page.getByRole("heading", { name: "About the program" })).toBeVisible();

  await type(page.getByLabel("Program name"), "Our Achilles loading");
  await type(page.getByLabel("Condition"), "Achilles tendinopathy");
  await type(page.getByLabel("Summary"), "Isometrics, then heavy slow loading, then running.");

  for (const [i, plan] of PLAN.entries()) {
    if (i > 0) {
      await click(page.getByRole("button", { name: "Add a stage" }));
      await expect(page.locator("fieldset.editor-stage").nth(i).getByLabel("Stage name")).toBeFocused();
    }
    await buildStage(page, i, plan);
  }
  // Regress targets read in words, never as ids.
  await expect(
    page
      .locator("fieldset.editor-stage")
      .nth(1)
      .getByLabel("Then")
      .locator("option", { hasText: "back to Stage 1 — Isometrics" }),
  ).toHaveCount(1);

  await click(page.getByRole("button", { name: "Save program" }));
  await expect(page.getByText("Saved")).toBeVisible();

  const total = counts.typed + counts.selected + counts.clicked;
  const seconds = counts.typed * (1 + 1.2) + (counts.selected + counts.clicked) * 2;
  test.info().annotations.push({
    type: "interactions",
    description: `${counts.typed} typed, ${counts.selected} selected, ${counts.clicked} clicked = ${total}; ≈ ${(seconds / 60).toFixed(1)} min`,
  });
  console.log(`program build: ${JSON.stringify(counts)} total ${total}, ≈ ${(seconds / 60).toFixed(1)} min`);

  // The program page reads the rules in words.
  await expect(page.getByRole("heading", { name: "Stage 1: Isometrics" })).toBeVisible();
  await expect(
    page.getByText(/Add 2\.5 kg \(never above 20 kg\) when pain during \(max, last 2 sessions\)/),
  ).toBeVisible();
  await expect(page.getByText(/Reps 8 → 12, then add 2\.5 kg and back to 8 reps when/)).toBeVisible();
  await expect(page.getByText("back to Stage 1 — Isometrics").first()).toBeVisible();

  await page.getByRole("link", { name: "Try it" }).click();
  await expect(page.getByRole("heading", { name: "Try it: Our Achilles loading" })).toBeVisible();
  await page.getByRole("button", { name: "Run the engine" }).click();
  await expect(page.getByRole("heading", { name: "What the engine would decide" })).toBeVisible();
  await expect(page.getByText(/Day 1 ·/)).toBeVisible();
  await expect(page.getByText("Stage 1: Isometrics").first()).toBeVisible();
  // The summary counts stage changes by that name, so it is not read as the count of the dose table's changes.
  await expect(page.getByText(/^(\d+ stage changes? over \d+ days|Over \d+ days the engine would keep)/)).toBeVisible();
});
