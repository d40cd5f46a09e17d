import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoAxeViolations, PHONE_VIEWPORT, signIn } from "./support.ts";

test.use({ viewport: PHONE_VIEWPORT });

/** Opens a folded part of the log (a <details>) unless it already is: one that holds saved answers starts open. */
async function openFold(page: Page, summary: RegExp | string) {
  const fold = page.locator("details.log-fold", { has: page.locator("summary", { hasText: summary }) });
  if ((await fold.getAttribute("open")) === null) await fold.locator("summary").click();
}

/** Fills the daily log as a patient would: taps on the big 0–10 buttons, the rest left at its defaults. */
async function fillLog(page: Page) {
  const pick = (group: string, option: string) =>
    page.getByRole("group", { name: group, exact: true }).getByRole("radio", { name: option, exact: true }).check();
  await pick("Pain on waking", "2");
  await pick("Stiffness on waking", "1");
  await pick("Did you do your exercises today?", "Did them all");
  await pick("Pain during the session", "3");
  await pick("Pain after the session", "2");
  // Effort, time and other activities are folded away until wanted (plain <details>, with or without JavaScript).
  await openFold(page, "Effort and time (optional)");
  await pick("How hard was the session?", "5");
  await page.getByLabel("Session minutes").fill("30");
  await openFold(page, /^Other activities/);
  await page.getByLabel("Activity").first().fill("walk");
  await page.getByLabel("Minutes", { exact: true }).first().fill("40");
  await page.getByLabel("Effort 0–10").first().fill("3");
}

test("a patient logs a session on a phone, sees the engine's answer and the next-gate checklist", async ({ page }) => {
  await signIn(page, DEMO.patient);
  await page.waitForURL(/\/me$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Hello");
  await expect(page.getByRole("heading", { name: /^Stage \d of \d/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: ".tmp/patient-today.png", fullPage: true });

  await page.getByRole("link", { name: /Log today|Change today's log/ }).click();
  await expect(page).toHaveURL(/\/me\/log$/);
  await expectNoAxeViolations(page);
  await fillLog(page);
  await page.getByRole("button", { name: /Save/ }).click();

  await expect(page).toHaveURL(/\/me\/log\/saved\?date=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Log (saved|updated)/);
  await expect(page.locator(".answer__headline")).not.toBeEmpty();
  await expect(page.getByText("Session: done — pain during 3/10, after 2/10, effort 5/10, 30 min")).toBeVisible();
  await expect(page.getByText("walk: 40 min, effort 3/10")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: ".tmp/patient-saved.png", fullPage: true });

  await page.getByRole("link", { name: "See your next goals" }).click();
  await expect(page).toHaveURL(/\/me\/progress$/);
  await expect(page.getByRole("heading", { name: /To (move to the next stage|finish your plan)/ })).toBeVisible();
  await expect(page.locator(".checklist__item").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: ".tmp/patient-progress.png", fullPage: true });
});

test("invalid answers are caught in the browser next to the question", async ({ page }) => {
  await signIn(page, DEMO.patient);
  await page.waitForURL(/\/me$/);
  await page.goto("/me/log");
  await page
    .getByRole("group", { name: "Did you do your exercises today?" })
    .getByRole("radio", { name: "Did them all" })
    .check();
  await openFold(page, /^Other activities/);
  await page.getByLabel("Minutes", { exact: true }).last().fill("20");
  await page.getByRole("button", { name: /Save/ }).click();
  await expect(page).toHaveURL(/\/me\/log$/);
  await expect(page.getByText("Say what the activity was")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the same log works with JavaScript disabled, and history shows it", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
  const page = await context.newPage();
  await signIn(page, DEMO.patient);
  await page.waitForURL(/\/me$/);
  await expect(page).toHaveURL(/\/me$/);
  await page.goto("/me/log");
  await fillLog(page);
  await page.getByRole("button", { name: /Save/ }).click();
  await expect(page).toHaveURL(/\/me\/log\/saved\?date=/);
  await expect(page.locator(".answer__headline")).not.toBeEmpty();
  await expect(page.getByText("Session: done — pain during 3/10, after 2/10, effort 5/10, 30 min")).toBeVisible();
  // (No axe here: axe runs inside the page and needs JavaScript. The same pages are checked in the test above.)

  // An invalid post without JavaScript comes back from the server with the message and the typed values.
  await page.goto("/me/log");
  // The spare (last) activity row: minutes without saying what the activity was.
  await openFold(page, /^Other activities/);
  await page.getByLabel("Minutes", { exact: true }).last().fill("25");
  await page.getByRole("button", { name: /Save/ }).click();
  await expect(page.getByText("Say what the activity was")).toBeVisible();
  await expect(page.getByLabel("Minutes", { exact: true }).last()).toHaveValue("25");
  await page.screenshot({ path: ".tmp/patient-log-nojs-error.png", fullPage: true });

  await page.goto("/me/history");
  await expect(page.getByRole("heading", { level: 1, name: "Your history" })).toBeVisible();
  await expect(page.locator(".history-item__date").first()).toHaveText("Today");
  await context.close();
});

test("questionnaires and self-tests pass the accessibility checks on a phone", async ({ page }) => {
  await signIn(page, DEMO.patient);
  await page.waitForURL(/\/me$/);
  for (const path of [
    "/me/questionnaires",
    "/me/questionnaires/visa-a",
    "/me/questionnaires/lefs",
    "/me/questionnaires/psfs",
    "/me/tests",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  }
  await page.screenshot({ path: ".tmp/patient-tests.png", fullPage: true });
});
