import { expect, test } from "@playwright/test";
import path from "node:path";
import { createDb } from "../../app/db/client.server.ts";
import { addDays } from "../../app/engine/index.ts";
import { todayIn } from "../../app/utils/dates.ts";
import { newId } from "../../app/utils/ids.server.ts";
import { addPatientOnPlan, DEMO, expectNoAxeViolations, signIn } from "./support.ts";

// Issue 15's whole loop in Chromium (docs/decisions/056-applying-dose-changes.md): a physio tailors a dose, the patient
// trains on it for a week, the engine's progression rule recommends an increase, the physio confirms it on triage, and
// the patient's Today shows the new dose. A new patient of its own, so the demo patients other specs read stay as
// seeded. A week cannot pass in a test: the dose is dated five days back and the week's logs are written to the
// server's database the way the patient app writes them (as clinic-workspace.spec.ts does).

function serverDb() {
  return createDb(`file:${path.resolve(".tmp", `e2e-${process.env.E2E_PORT ?? "3210"}.db`)}`);
}

const HEEL_RAISE = "Heel raise on the painful leg, on a step, with weight";

test("a physio tailors a dose, the patient trains a week on it, the engine recommends an increase, the physio confirms it and Today shows the new dose", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const today = todayIn("Europe/London");
  const patientName = "Casey Dunmore";
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await desk.newPage();
  await signIn(page, DEMO.clinician);
  await expect(page.getByRole("heading", { level: 1, name: "Triage" })).toBeVisible();

  // A new patient, started in Silbernagel's phase 3 ten days ago.
  const invitePath = await addPatientOnPlan(
    page,
    { name: patientName, condition: "Left Achilles tendinopathy", side: "left", goal: "Back to hill running" },
    { program: "Silbernagel", stage: "3. Phase 3 — Rebuilding", startDate: addDays(today, -10) },
  );
  await expect(page.locator("#dose")).toBeVisible();

  // The physio tailors the weighted heel raise to 10 kg.
  const dose = page.locator("#dose");
  await dose.getByLabel(`${HEEL_RAISE}: load in kg`).fill("10");
  await dose.getByLabel(/Why/).fill("Strong calf: start at 10 kg in the backpack");
  await dose.getByRole("button", { name: "Save this patient's dose" }).click();
  await expect(dose.getByText(/Dose saved for this patient \(version 1\)/)).toBeVisible();

  // A week on that dose: every set done at 10 kg, pain 2 during, settled next morning.
  const db = serverDb();
  try {
    const patient = await db
      .selectFrom("app_user")
      .select(["id", "clinic_id"])
      .where("name", "=", patientName)
      .executeTakeFirstOrThrow();
    const plan = await db.selectFrom("plan").selectAll().where("patient_id", "=", patient.id).executeTakeFirstOrThrow();
    await db
      .updateTable("personal_dose")
      .set({ created_at: `${addDays(today, -7)}T09:00:00.000Z` })
      .where("plan_id", "=", plan.id)
      .execute();
    const exercises = [
      { exerciseId: "weighted-one-leg-heel-raise", status: "done", sets: 3, reps: 15, loadKg: 10 },
      { exerciseId: "weighted-eccentric-heel-lower", status: "done", sets: 3, reps: 15, loadKg: null },
      { exerciseId: "quick-rebound-heel-raise", status: "done", sets: 3, reps: 20, loadKg: null },
      { exerciseId: "plyometrics", status: "done", sets: null, reps: null, loadKg: null },
    ];
    for (let i = 6; i >= 1; i--) {
      const at = `${addDays(today, -i)}T18:00:00.000Z`;
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
          session_minutes: 40,
          session_rpe: 5,
          running_minutes: null,
          swelling: "none",
          soreness: "none",
          exercises: JSON.stringify(exercises),
          other_activities: null,
          test_pain: null,
          notes: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
  } finally {
    await db.destroy();
  }

  // Today the patient joins from the invite on their phone and logs their morning (a rest day): the engine looks at
  // the week, holds the stage, and recommends the heel raise's next 2.5 kg.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const patientPage = await phone.newPage();
  await patientPage.goto(invitePath);
  await patientPage.getByRole("button", { name: /Continue without a password/ }).click();
  const heelRaise = patientPage.locator(".exercise-list li", { hasText: HEEL_RAISE });
  await expect(heelRaise).toContainText("10 kg");
  await patientPage.getByRole("link", { name: /Log today/ }).click();
  const pick = (group: string, option: string | RegExp) =>
    patientPage
      .getByRole("group", { name: group, exact: true })
      .getByRole("radio", { name: option, exact: typeof option === "string" })
      .check();
  await pick("Pain on waking", "1");
  await pick("Stiffness on waking", "1");
  await pick("Did you do your exercises today?", /^No/);
  await patientPage.getByRole("button", { name: /Save/ }).click();
  await expect(patientPage.getByRole("heading", { level: 1 })).toHaveText(/Log saved/);

  await page.reload();
  const recommendation = page.locator("#recommendation");
  await expect(recommendation.getByText("Dose changes awaiting your confirmation")).toBeVisible();
  await expect(recommendation).toContainText(`${HEEL_RAISE}: 10 → 12.5 kg`);
  await expectNoAxeViolations(page);

  // Triage lists it with its reason; the physio confirms it there.
  await page.getByRole("link", { name: "Triage" }).click();
  const row = page.locator(".list__item", { hasText: patientName });
  await expect(row.getByText("Dose change awaiting you")).toBeVisible();
  await expect(row).toContainText(`${HEEL_RAISE}: 10 → 12.5 kg`);
  await expectNoAxeViolations(page);
  await row.getByText("Why the engine recommends this").click();
  await row.getByRole("button", { name: `Confirm dose change for ${patientName}` }).click();
  await expect(page.getByText(`Confirmed for ${patientName}.`)).toBeVisible();

  await page.getByRole("link", { name: "Patients", exact: true }).click();
  await page.getByRole("link", { name: patientName }).click();
  await expect(page.locator("#audit-trail")).toContainText(
    `confirmed a dose change in Phase 3 — Rebuilding (${HEEL_RAISE}`,
  );
  await expect(page.getByRole("heading", { name: /Working load/ })).toBeVisible();
  await desk.close();

  // The patient's Today shows the new dose, and Progress the way there.
  await patientPage.goto("/me");
  await expect(heelRaise).toContainText("12.5 kg");
  await patientPage.goto("/me/progress");
  await expect(patientPage.getByText(/from 0 to 12\.5 kg/)).toBeVisible();
  const overflow = await patientPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await phone.close();
});
