import { expect, test } from "@playwright/test";
import { addDays } from "../../app/engine/index.ts";
import { todayIn } from "../../app/utils/dates.ts";
import { DEMO, expectNoAxeViolations, signIn } from "./support.ts";

// A physio tailors Jordan's dose at a desk; Jordan sees it on their phone and the log starts from it
// (docs/decisions/052-personal-prescription.md). Jordan, because the demo leaves their last four days unlogged: the
// log of yesterday (still editable) shows yesterday's dose rather than a saved day (page-sweep's keyboard test logs
// today).

test("a physio tailors a dose at 1280 px, and the patient sees it on Today with the log prefilled at 390 px", async ({
  browser,
}) => {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const physio = await desk.newPage();
  await signIn(physio, DEMO.clinician);
  await expect(physio.getByRole("heading", { level: 1, name: "Triage" })).toBeVisible();

  // Alex advanced into their current stage: their page asks for the new stage's dose to be reviewed.
  await physio.goto("/clinic/patients");
  await physio
    .getByRole("link", { name: /Alex Morgan/ })
    .first()
    .click();
  await expect(physio.locator("#dose").getByText("New stage: review the dose.")).toBeVisible();

  await physio.goto("/clinic/patients");
  await physio
    .getByRole("link", { name: /Jordan Lee/ })
    .first()
    .click();
  const dose = physio.locator("#dose");
  await expect(dose.getByRole("heading", { name: "This patient's dose" })).toBeVisible();
  await expect(dose.getByRole("row", { name: /The Extender/ })).toContainText("3 × 12");

  // Nonsense first: field errors, nothing saved.
  await dose.getByLabel("The Extender: sets").fill("0");
  await physio.keyboard.press("Tab");
  await expect(dose.getByText("Sets must be between 1 and 20")).toBeVisible();
  await dose.getByRole("button", { name: "Save this patient's dose" }).click();
  await expect(dose.getByText("Enter why you are changing the dose")).toBeVisible();

  await dose.getByLabel("The Extender: sets").fill("2");
  await dose.getByLabel("The Extender: reps").fill("8");
  await dose.getByLabel("The Extender: top of the rep range (optional)").fill("10");
  await dose.getByLabel("Drop The Glider for this patient").check();
  await dose.getByLabel("New exercise: name").fill("Isometric hamstring hold");
  await dose.getByLabel("New exercise: sets").fill("4");
  await dose.getByLabel("New exercise: hold seconds").fill("30");
  await dose.getByLabel("New exercise: side").selectOption("involved");
  await dose.getByLabel(/Why/).fill("Sore after the weekend's match: fewer reps, isometrics instead of the Glider");
  await dose.getByRole("button", { name: "Save this patient's dose" }).click();

  await expect(dose.getByText(/Dose saved for this patient \(version 1\)/)).toBeVisible();
  await expect(dose.getByRole("row", { name: /The Extender/ })).toContainText("tailored");
  await expect(dose.getByRole("row", { name: /The Glider/ })).toContainText("dropped");
  await expect(physio.locator("#audit-trail")).toContainText(
    "changed this patient's dose in L-protocol — slow and controlled (The Extender 3 × 12 · 2×/day · 7×/week · painful side → 2 × 8–10",
  );
  await expect(physio.locator("#audit-trail")).toContainText("The Glider 3 × 4 · painful side → dropped");
  await expectNoAxeViolations(physio);
  await desk.close();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const patient = await phone.newPage();
  await signIn(patient, DEMO.patient2);
  const exercises = patient.locator(".exercise-list");
  await expect(exercises.locator("li", { hasText: "The Extender" })).toContainText("2 × 8–10");
  await expect(exercises.locator("li", { hasText: "Isometric hamstring hold" })).toContainText("hold 30 s");
  await expect(exercises).not.toContainText("The Glider");

  // Yesterday's log shows the dose Jordan had yesterday, before today's change (docs/decisions/058): the program's,
  // The Glider included. "Did them all" for yesterday records that dose.
  await patient.goto(`/me/log?date=${addDays(todayIn("Europe/London"), -1)}`);
  // The checklist opens on "some of them"; the numbers asked for "partly" start from that day's dose.
  await patient.getByRole("radio", { name: "Some of them" }).check();
  const extender = patient.locator("fieldset.log-exercise", { hasText: "The Extender" });
  await expect(extender.locator(".log-exercise__dose")).not.toContainText("2 × 8–10");
  await extender.getByRole("radio", { name: "Partly" }).check();
  await expect(extender.getByLabel("Sets")).not.toHaveValue("2");
  await expect(patient.locator("fieldset.log-exercise", { hasText: "The Glider" })).toBeVisible();
  await expect(patient.locator("fieldset.log-exercise", { hasText: "Isometric hamstring hold" })).toHaveCount(0);
  // Nothing sticks out sideways on the phone.
  const overflow = await patient.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await phone.close();
});
