import { expect, test, type Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { newMailTo, outboxFiles } from "./outbox.ts";
import { DEMO, expectNoAxeViolations, signIn } from "./support.ts";

// The e2e server has no SMTP_URL, so mail lands in its outbox folder (test/e2e/server.ts): a clinician adds a
// patient, the patient opens the link from that email in a signed-out browser and sets a password.

function inviteLinkIn(mail: ParsedMail): string {
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(mail.text ?? "")?.[0];
  expect(link).toBeTruthy();
  return link!;
}

async function hydrated(page: Page) {
  await page.waitForFunction(() => "__remixRouter" in window);
}

test("a patient sets their password from the emailed invite, and Resend invite emails a new link", async ({
  page,
  browser,
}) => {
  const email = `invitee.${Date.now()}@example.test`;
  await signIn(page, DEMO.clinician);
  await expect(page).toHaveURL(/\/clinic$/);
  await page.goto("/clinic/patients/new");
  await hydrated(page);
  const before = await outboxFiles();
  await page.getByLabel("Full name").fill("Casey Invitee");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Condition").fill("Right ankle sprain");
  await page.getByLabel("Involved side").selectOption("right");
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Patient added" })).toBeVisible();
  await expect(page.getByText(/invite email was saved in the server's outbox/)).toBeVisible();
  const shownLink = await page.getByLabel(/One-time invite link/).inputValue();

  const mail = await newMailTo(email, before);
  expect(mail.subject).toBe("Your Stagewise invitation from Riverside Physio (demo)");
  expect(mail.from?.value).toEqual([{ name: "Riverside Physio (demo) via Stagewise", address: "stagewise@localhost" }]);
  expect(mail.subject).not.toMatch(/ankle|sprain|right/i);
  const firstLink = inviteLinkIn(mail);
  expect(firstLink).toBe(shownLink);

  // The HTML part, as a mail client would show it, passes the same accessibility rules as the app's pages.
  const mailView = await browser.newPage();
  await mailView.setContent(String(mail.html));
  await expect(mailView.getByRole("heading", { level: 1 })).toContainText("invited you to Stagewise");
  await expect(mailView.getByRole("link", { name: "Set your Stagewise password" })).toHaveAttribute("href", firstLink);
  await expectNoAxeViolations(mailView);
  await mailView.close();

  // Resend from the patient's page: a new link, emailed and shown; the first one stops working.
  await page.getByRole("link", { name: /Open Casey Invitee's page/ }).click();
  await hydrated(page);
  const beforeResend = await outboxFiles();
  await page.getByRole("button", { name: "Resend invite" }).click();
  await expect(page.getByText("New invite link made. The previous link no longer works.")).toBeVisible();
  const resentLink = await page.getByLabel(/One-time invite link/).inputValue();
  const resent = await newMailTo(email, beforeResend);
  expect(inviteLinkIn(resent)).toBe(resentLink);
  expect(resentLink).not.toBe(firstLink);

  const patient = await browser.newContext();
  const patientPage = await patient.newPage();
  await patientPage.goto(new URL(firstLink).pathname);
  await expect(patientPage.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await patientPage.goto(new URL(resentLink).pathname);
  await expect(patientPage.getByRole("heading", { name: "Welcome, Casey Invitee" })).toBeVisible();
  await patientPage.getByLabel("New password").fill("casey-long-password");
  await patientPage.getByLabel("Type it again").fill("casey-long-password");
  await patientPage.getByRole("button", { name: "Set password and continue" }).click();
  await expect(patientPage).toHaveURL(/\/me$/);
  await patient.close();
});
