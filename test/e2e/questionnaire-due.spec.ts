import { expect, test } from "@playwright/test";
import { addDays } from "../../app/engine/index.ts";
import { todayIn } from "../../app/utils/dates.ts";
import { addPatientOnPlan, DEMO, expectNoAxeViolations, PHONE_VIEWPORT, signIn } from "./support.ts";

// Silbernagel asks for VISA-A every 42 days (ADR 059): a patient whose plan started 42 days ago, with no score yet,
// sees it due today. A patient of its own: another spec records a VISA-A score for the demo patient.
test("a patient sees a due questionnaire on Today and reaches its form from there", async ({ browser }) => {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const physio = await desk.newPage();
  await signIn(physio, DEMO.clinician);
  await physio.waitForURL(/\/clinic$/);
  const invitePath = await addPatientOnPlan(
    physio,
    { name: "Robin Ashdown", condition: "Right Achilles tendinopathy", side: "right", goal: "Walk the dog pain-free" },
    {
      program: "Silbernagel",
      stage: "1. Phase 1 — Symptom management",
      startDate: addDays(todayIn("Europe/London"), -42),
    },
  );
  await desk.close();

  const phone = await browser.newContext({ viewport: PHONE_VIEWPORT });
  const page = await phone.newPage();
  await page.goto(invitePath);
  await page.getByRole("button", { name: /Continue without a password/ }).click();
  await page.waitForURL(/\/me$/);
  const due = page.locator(".due-list");
  await expect(due).toContainText("Due: VISA-A questionnaire (about 3 minutes)");
  await expectNoAxeViolations(page);

  await page.goto("/me/questionnaires");
  await expect(page.locator(".list__item").first()).toContainText("VISA-A");
  await expect(page.locator(".list__item").first()).toContainText("Due");

  await page.goto("/me");
  await due.getByRole("link", { name: "VISA-A questionnaire" }).click();
  await page.waitForURL(/\/me\/questionnaires\/visa-a$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("VISA-A");
  await phone.close();
});
