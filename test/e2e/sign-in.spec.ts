import { expect, test } from "@playwright/test";
import { DEMO, expectNoAxeViolations, PHONE_VIEWPORT, signIn } from "./support.ts";

test("the demo clinician signs in and sees the clinic home", async ({ page }) => {
  await signIn(page, DEMO.clinician);
  await expect(page).toHaveURL(/\/clinic$/);
  await expect(page.getByRole("heading", { level: 1, name: "Triage" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe("on a phone", () => {
  test.use({ viewport: PHONE_VIEWPORT });
  test("the demo patient signs in and sees their home", async ({ page }) => {
    await signIn(page, DEMO.patient);
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Hello");
    await expectNoAxeViolations(page);
  });
});

test("a wrong password shows an error and keeps the email", async ({ page }) => {
  await signIn(page, DEMO.clinician, "not-the-password");
  await expect(page.getByRole("alert")).toContainText("email or password is not right");
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.clinician);
  await expect(page).toHaveURL(/\/login/);
  await expectNoAxeViolations(page);
});

test("an empty form is stopped in the browser with messages next to the fields", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter an email address")).toBeVisible();
  await expect(page.getByText("Enter your password")).toBeVisible();
  await expect(page.getByLabel("Email")).toBeFocused();
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, DEMO.clinician);
  await expect(page).toHaveURL(/\/clinic$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/clinic");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fclinic/);
});

test("the sign-in page works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, DEMO.patient);
  await expect(page).toHaveURL(/\/me$/);
  await context.close();
});
