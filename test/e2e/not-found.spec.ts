import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support.ts";

// A 404 page says what was not found, in the words of the route that answered it: rendered on the server, after
// hydration, and after a client-side navigation.

test("a patient id that is not in the clinic shows 'Patient not found'", async ({ page }) => {
  await signIn(page, DEMO.clinician);
  await expect(page).toHaveURL(/\/clinic$/);
  const response = await page.goto("/clinic/patients/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
  await page.waitForFunction(() => "__remixRouter" in window);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Patient not found");
  await expect(page.getByRole("alert")).toContainText("Error 404");

  // The same words when the page is reached by a client-side navigation (the answer comes as data, not a document).
  await page.goto("/clinic");
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.evaluate(() =>
    (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate(
      "/clinic/patients/00000000-0000-4000-8000-000000000000",
    ),
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Patient not found");
});

test("an address no route matches keeps the generic words", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await page.waitForFunction(() => "__remixRouter" in window);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn't find that");
  await expect(page.locator("body")).not.toContainText("No route matches");
});
