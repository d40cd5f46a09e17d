import { expect, test } from "@playwright/test";
import { newMailTo, outboxFiles } from "./outbox.ts";
import { DEMO, expectNoAxeViolations, signIn } from "./support.ts";

// The e2e server has no SMTP_URL, so the sign-in link lands in its outbox folder (test/e2e/server.ts). A patient on a
// phone asks for a link on the sign-in page, opens it from that email and lands on Today; the link then refuses a
// second use.

test("a patient asks for a sign-in link, opens it from the email and lands on Today; the link works once", async ({
  page,
  browser,
}) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Get a sign-in link" })).toBeVisible();
  await page.waitForFunction(() => "__remixRouter" in window);
  await expectNoAxeViolations(page);

  const before = await outboxFiles();
  await page.getByLabel("Email").fill(DEMO.patient);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText(`If ${DEMO.patient} belongs to a Stagewise patient`);
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.patient);

  const mail = await newMailTo(DEMO.patient, before);
  expect(mail.subject).toBe("Your Stagewise sign-in link");
  const link = /https?:\/\/\S+\/sign-in\/[A-Za-z0-9_-]+/.exec(mail.text ?? "")?.[0];
  expect(link).toBeTruthy();

  // The email's HTML, as a mail client shows it, passes the same accessibility rules as the pages.
  const mailView = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await mailView.setContent(String(mail.html));
  await expect(mailView.getByRole("link", { name: "Sign in to Stagewise" })).toHaveAttribute("href", link!);
  await expectNoAxeViolations(mailView);
  await mailView.close();

  await page.goto(new URL(link!).pathname);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome back, Alex Morgan" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole("heading", { level: 1, name: /^Hello, Alex/ })).toBeVisible();

  // A second use, in a fresh browser: refused in words, and nobody is signed in.
  const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const again = await other.newPage();
  await again.goto(new URL(link!).pathname);
  await expect(again.getByRole("heading", { level: 1, name: "This link was already used" })).toBeVisible();
  await expectNoAxeViolations(again);
  await again.goto("/me");
  await expect(again).toHaveURL(/\/login\?redirectTo=%2Fme$/);
  await other.close();
});

test("an invited patient continues without a password and lands on their home", async ({ page, browser }) => {
  const email = `nopassword.${Date.now()}@example.test`;
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, DEMO.clinician);
  await expect(page).toHaveURL(/\/clinic$/);
  await page.goto("/clinic/patients/new");
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.getByLabel("Full name").fill("Noa Nopassword");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Condition").fill("Left ankle sprain");
  await page.getByLabel("Involved side").selectOption("left");
  await page.getByRole("button", { name: "Add patient" }).click();
  const inviteLink = await page.getByLabel(/One-time invite link/).inputValue();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const patient = await phone.newPage();
  await patient.goto(new URL(inviteLink).pathname);
  await expect(patient.getByRole("heading", { level: 1, name: "Welcome, Noa Nopassword" })).toBeVisible();
  await expectNoAxeViolations(patient);
  await patient.getByRole("button", { name: "Continue without a password" }).click();
  await expect(patient).toHaveURL(/\/me$/);
  await expect(patient.getByRole("heading", { level: 1, name: /^Hello, Noa/ })).toBeVisible();
  await phone.close();
});
