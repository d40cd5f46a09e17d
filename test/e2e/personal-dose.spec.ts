import { expect, test } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn } from "./support.ts";

// A physio tailors Alex's dose at a desk; Alex sees it on their phone and the log starts from it
// (docs/decisions/052-personal-prescription.md).

const HEEL_RAISE = /Heel raise on the painful leg/;

test("a physio tailors a dose at 1280 px, and the patient sees it on Today with the log prefilled at 390 px", async ({
  browser,
}) => {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const physio = await desk.newPage();
  await signIn(physio, DEMO.clinician);
  await expect(physio.getByRole("heading", { level: 1, name: "Triage" })).toBeVisible();
  await physio.goto("/clinic/patients");
  await physio
    .getByRole("link", { name: /Alex Morgan/ })
    .first()
    .click();

  const dose = physio.locator("#dose");
  await expect(dose.getByRole("heading", { name: "This patient's dose" })).toBeVisible();
  // Alex advanced into this stage: the page asks for the new stage's dose to be reviewed.
  await expect(dose.getByText("New stage: review the dose.")).toBeVisible();
  await expect(dose.getByRole("row", { name: HEEL_RAISE })).toContainText("3 × 15");

  // Nonsense first: a field error, nothing saved, what was typed kept.
  await dose.getByLabel(/Heel raise on the painful leg.*: sets$/).fill("0");
  await physio.keyboard.press("Tab");
  await expect(dose.getByText("Sets must be between 1 and 20")).toBeVisible();
  await dose.getByRole("button", { name: "Save this patient's dose" }).click();
  await expect(dose.getByText("Enter why you are changing the dose")).toBeVisible();

  await dose.getByLabel(/Heel raise on the painful leg.*: sets$/).fill("2");
  await dose.getByLabel(/Heel raise on the painful leg.*: reps$/).fill("10");
  await dose.getByLabel(/Heel raise on the painful leg.*: top of the rep range/).fill("12");
  await dose.getByLabel(/Heel raise on the painful leg.*: load in kg/).fill("5");
  await dose.getByLabel(/Heel raise on the painful leg.*: load in words/).fill("backpack");
  await dose.getByLabel(/Drop Hops and jumps/).check();
  await dose.getByLabel("New exercise: name").fill("Seated calf raise");
  await dose.getByLabel("New exercise: sets").fill("3");
  await dose.getByLabel("New exercise: reps").fill("20");
  await dose.getByLabel("New exercise: side").selectOption("involved");
  await dose.getByLabel(/Why/).fill("Six weeks off work: start lighter and build up");
  await dose.getByRole("button", { name: "Save this patient's dose" }).click();

  await expect(dose.getByText(/Dose saved for this patient \(version 1\)/)).toBeVisible();
  await expect(dose.getByText("New stage: review the dose.")).toHaveCount(0);
  await expect(dose.getByRole("row", { name: HEEL_RAISE })).toContainText("tailored");
  await expect(physio.locator("#audit-trail")).toContainText("2 × 10–12 · backpack + 5 kg");
  await expectNoAxeViolations(physio);
  await desk.close();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const patient = await phone.newPage();
  await signIn(patient, DEMO.patient);
  const exercises = patient.locator(".exercise-list");
  await expect(exercises.locator("li", { hasText: HEEL_RAISE })).toContainText("2 × 10–12");
  await expect(exercises.locator("li", { hasText: HEEL_RAISE })).toContainText("backpack + 5 kg");
  await expect(exercises).toContainText("Seated calf raise");
  await expect(exercises).not.toContainText("Hops and jumps");

  await patient.goto("/me/log");
  const heelRaise = patient.locator("fieldset.log-exercise", { hasText: HEEL_RAISE });
  await expect(heelRaise.getByLabel("Sets")).toHaveValue("2");
  await expect(heelRaise.getByLabel("Reps")).toHaveValue("10");
  await expect(heelRaise.getByLabel("Extra kg")).toHaveValue("5");
  await expect(
    patient.locator("fieldset.log-exercise", { hasText: "Seated calf raise" }).getByLabel("Reps"),
  ).toHaveValue("20");
  // Nothing sticks out sideways on the phone.
  const overflow = await patient.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await phone.close();
});
