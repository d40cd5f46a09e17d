import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { createDb } from "../../app/db/client.server.ts";
import { addDays } from "../../app/engine/index.ts";
import { evaluatePlan } from "../../app/services/evaluation.server.ts";
import { todayIn } from "../../app/utils/dates.ts";
import { newId } from "../../app/utils/ids.server.ts";
import { DEMO, expectNoAxeViolations, signIn } from "./support.ts";

// Desktop: the clinician's workspace is desktop-first.
test.use({ viewport: { width: 1280, height: 900 } });

const SHOTS = process.env.SCREENSHOT_DIR;
async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The e2e server's database (test/e2e/server.ts): logs are seeded the way the patient app writes them. */
function serverDb() {
  return createDb(`file:${path.resolve(".tmp", `e2e-${process.env.E2E_PORT ?? "3210"}.db`)}`);
}

test("a clinician builds a two-stage program, starts it for a new patient, sees the engine's advance on triage and confirms it", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const today = todayIn("Europe/London");
  const programName = `E2E Achilles ${Date.now()}`;
  const patientName = "Robin Fielding";

  await signIn(page, DEMO.clinician);
  await expect(page.getByRole("heading", { level: 1, name: "Triage" })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, "triage-demo");

  // 1. Build the program.
  await page.getByRole("link", { name: "Programs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Programs" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "New program" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "New program" })).toBeVisible();
  await page.locator("#f-name").fill(programName);
  await page.locator("#f-condition").fill("Achilles mid-portion tendinopathy");
  await page.locator("#f-summary").fill("Isometric loading, then heavy slow resistance.");
  await page.locator("#f-stages-0-name").fill("Isometric loading");
  await page.locator("#f-stages-0-minDays").fill("2");
  await page.locator("#f-stages-0-goal").fill("Calm the tendon");
  await page.locator("#f-stages-0-instructions").fill("Hold a heel raise for 45 seconds, 5 times.");
  await page.getByRole("button", { name: "Add an exercise" }).first().click();
  await page.locator("#f-stages-0-prescription-exercises-0-name").fill("Isometric heel raise");
  // Leaving a field re-validates it (its message may go away); let the page settle before the next click.
  await page.locator("#f-stages-0-prescription-exercises-0-name").blur();
  await page.locator(".editor-stage").first().getByRole("button", { name: "Add a gate" }).click();
  await page.locator(".editor-stage").first().getByRole("button", { name: "Pain", exact: true }).click();
  await page.locator("#f-stages-0-gates-0-windowCount").fill("3");

  // Saving with a gap is stopped in the browser, with the message on the field.
  await page.getByRole("button", { name: "Add a stage" }).click();
  await page.getByRole("button", { name: "Save program" }).click();
  await expect(page.locator("#f-stages-1-name-error")).toBeVisible();
  await expect(page.locator("#f-stages-1-name")).toBeFocused();
  await page.locator("#f-stages-1-name").fill("Heavy slow resistance");
  await page.locator("#f-stages-1-goal").fill("Build calf capacity");
  await page.locator("#f-stages-1-instructions").fill("Weighted heel raises, three times a week.");
  // Every criterion kind has its own fields, no JSON: a soreness rule is ticked in a checkbox group.
  const stage2 = page.locator(".editor-stage").nth(1);
  await stage2.getByRole("button", { name: "Add a regress rule" }).click();
  await page.locator("#f-stages-1-regressRules-0-label").fill("Soreness stays");
  await stage2.getByRole("button", { name: "Add a criterion" }).click();
  await stage2.getByRole("button", { name: "Soreness rules", exact: true }).click();
  await stage2.getByRole("button", { name: "Remove this criterion" }).first().click();
  await expect(stage2.getByRole("checkbox", { name: "sore at warm-up, and it stayed" })).toBeChecked();
  await stage2.getByRole("checkbox", { name: "sore over 1 h after, or the next day" }).check();
  await expect(stage2.getByRole("textbox", { name: /JSON/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await shot(page, "program-editor");
  await page.getByRole("button", { name: "Save program" }).click();
  await expect(page.getByRole("heading", { level: 1, name: programName })).toBeVisible();
  await expect(page.getByText("Stage 2: Heavy slow resistance")).toBeVisible();
  await expect(page.getByText(/Soreness: warmup persisted, after 1h or next day/)).toBeVisible();
  await expectNoAxeViolations(page);

  // Try it before using it on a patient.
  await page.getByRole("link", { name: "Try it" }).click();
  await page.getByRole("button", { name: "Run the engine" }).click();
  await expect(page.getByRole("heading", { name: "What the engine would decide" })).toBeVisible();
  await expect(page.getByText(/day 3 advance → Heavy slow resistance/)).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, "try-it");

  // 2. Add the patient and start the plan.
  await page.goto("/clinic/patients/new");
  await page.getByLabel("Full name").fill(patientName);
  await page.getByLabel("Email").fill(`robin.${Date.now()}@example.test`);
  await page.getByLabel("Condition").fill("Right Achilles tendinopathy");
  await page.getByLabel("Involved side").selectOption("right");
  await page.getByRole("button", { name: "Add patient" }).click();
  await page.getByRole("link", { name: `Open ${patientName}'s page` }).click();
  await expect(page.getByRole("heading", { level: 1, name: patientName })).toBeVisible();
  await page.getByLabel("Program").selectOption({ label: `${programName} · ours, v1` });
  await page.getByLabel("Start date").fill(addDays(today, -3));
  await page.getByLabel("The patient's goal, in their own words").fill("Back to five-a-side by March");
  await page.getByRole("button", { name: "Start plan" }).click();
  await expect(page.getByText("Plan started.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Stage 1 of 2: Isometric loading" })).toBeVisible();
  await expectNoAxeViolations(page);

  // 3. The patient's logs arrive (seeded as the patient app writes them), and the engine evaluates.
  const db = serverDb();
  try {
    const patient = await db
      .selectFrom("app_user")
      .select(["id", "clinic_id", "time_zone"])
      .where("name", "=", patientName)
      .executeTakeFirstOrThrow();
    const plan = await db.selectFrom("plan").selectAll().where("patient_id", "=", patient.id).executeTakeFirstOrThrow();
    for (let i = 2; i >= 0; i--) {
      const now = new Date().toISOString();
      await db
        .insertInto("daily_log")
        .values({
          id: newId(),
          clinic_id: patient.clinic_id,
          plan_id: plan.id,
          patient_id: patient.id,
          log_date: addDays(today, -i),
          morning_pain: 1,
          morning_stiffness: 1,
          session_done: "done",
          pain_during: 2,
          pain_after: 2,
          pain_at_rest: 0,
          session_minutes: 20,
          session_rpe: 4,
          running_minutes: null,
          swelling: "none",
          soreness: "none",
          exercises: null,
          other_activities: null,
          test_pain: null,
          notes: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await evaluatePlan(db, { plan, timeZone: patient.time_zone, actor: { id: patient.id, role: "patient" } });
  } finally {
    await db.destroy();
  }

  // 4. Triage shows the pending advance with its explanation; the clinician confirms it.
  await page.getByRole("link", { name: "Triage" }).click();
  const row = page.locator(".list__item", { hasText: patientName });
  await expect(row.getByText("Advance awaiting you")).toBeVisible();
  await expect(row.getByText("Stage 1 of 2")).toBeVisible();
  await row.getByText("Why the engine recommends this").click();
  await expect(row.getByRole("table").first()).toContainText("met");
  await expectNoAxeViolations(page);
  await shot(page, "triage-pending");
  await row.getByRole("button", { name: `Confirm advance for ${patientName}` }).click();
  await expect(page.getByText(`Confirmed for ${patientName}.`)).toBeVisible();

  await page.getByRole("link", { name: "Patients", exact: true }).click();
  await page.getByRole("link", { name: patientName }).click();
  await expect(page.getByRole("heading", { name: "Stage 2 of 2: Heavy slow resistance" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /Sam Okafor confirmed the recommendation to advance/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, "patient-page");
});

test("the demo patient's page shows charts, decision history and the audit trail", async ({ page }) => {
  await signIn(page, DEMO.clinician);
  await page.getByRole("link", { name: "Patients", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Patients" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Alex Morgan" }).click();
  await expect(page.getByRole("heading", { name: /Pain \(0–10\)/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Decision history" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  await expectNoAxeViolations(page);
  if (SHOTS) {
    for (const [name, heading] of [
      ["demo-latest", "Latest recommendation"],
      ["demo-charts", "Charts"],
      ["demo-history", "Decision history"],
      ["demo-audit", "Audit trail"],
    ] as const) {
      await page
        .locator("section.card", { has: page.getByRole("heading", { name: heading, exact: true }) })
        .screenshot({ path: path.join(SHOTS, `${name}.png`) });
    }
    await page
      .locator(".grid-2", { hasText: "Record a capacity test" })
      .screenshot({ path: path.join(SHOTS, "demo-forms.png") });
  }
});

test("without JavaScript the patient page still shows its charts and its forms still post", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, DEMO.clinician);
  await page.waitForURL(/\/clinic$/);
  await page.getByRole("link", { name: "Alex Morgan" }).first().click();
  await expect(
    page
      .locator("section.card", { has: page.getByRole("heading", { name: "Charts", exact: true }) })
      .locator("svg")
      .first(),
  ).toBeVisible();
  await page.getByLabel("Questionnaire", { exact: true }).selectOption("visa_a");
  await page.getByLabel("Score", { exact: true }).fill("150");
  await page.getByRole("button", { name: "Record score" }).click();
  await expect(page.getByText("The score must be between 0 and 100")).toBeVisible();
  await expect(page.getByLabel("Questionnaire", { exact: true })).toHaveValue("visa_a");
  await page.getByLabel("Score", { exact: true }).fill("72");
  await page.getByRole("button", { name: "Record score" }).click();
  await expect(page.getByText("Score recorded.")).toBeVisible();
  // (axe needs JavaScript; this page is checked with it in the test above.)
  await context.close();
});
