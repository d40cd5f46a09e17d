import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support.ts";

test("the favicon is served from public/ with an hour's cache; other paths reach the app", async ({ request }) => {
  const icon = await request.get("/favicon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(icon.headers()["cache-control"]).toBe("public, max-age=3600");
  const missing = await request.get("/no-such-file.svg");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["content-type"]).toContain("text/html"); // the app's own not-found page
});

test("moving between a patient's pages never waits for route discovery (ADR 041)", async ({ page }) => {
  const manifestRequests: string[] = [];
  page.on("request", (req) => {
    if (new URL(req.url()).pathname.endsWith("/__manifest")) manifestRequests.push(req.url());
  });
  await signIn(page, DEMO.patient);
  await expect(page).toHaveURL(/\/me$/);
  await page.getByRole("navigation").getByRole("link", { name: "Log" }).first().click();
  await expect(page).toHaveURL(/\/me\/log/);
  await page.getByRole("navigation").getByRole("link", { name: "History" }).first().click();
  await expect(page).toHaveURL(/\/me\/history/);
  expect(manifestRequests).toEqual([]);
});
