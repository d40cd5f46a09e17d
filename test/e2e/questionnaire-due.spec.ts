import { expect, test } from "@playwright/test";
import { DEMO, expectNoAxeViolations, PHONE_VIEWPORT, signIn } from "./support.ts";

// The demo patient's plan (Silbernagel, VISA-A every 42 days) started 42 days ago: VISA-A falls due today (ADR 059).
// Read-only on purpose: the specs share one demo database, and a saved score would change what later specs see.
test.use({ viewport: PHONE_VIEWPORT });

test("a patient sees a due questionnaire on Today and reaches its form from there", async ({ page }) => {
  await signIn(page, DEMO.patient);
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
});
