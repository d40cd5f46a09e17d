import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn } from "./support.ts";

// Issue 16, a physio's everyday week: the patient's note reaches triage and their page and is marked read; a red flag
// is reviewed and the patient leaves "needs you"; a patient's details are edited (a bad email first). Desktop for the
// physio (1280 px), the triage also at 390 px; the patient writes from a phone.

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const NOTE = "Sharp pain on the hill, I had to stop and walk home";

test.describe.configure({ mode: "serial" });

async function needsYou(page: Page) {
  return page.locator("section[aria-labelledby=needs-attention] .triage-name").allInnerTexts();
}

test("the patient's note reaches triage and their page, and is read; the red flag is reviewed and leaves 'needs you'", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  // The patient, on a phone: a painful session today, with a note to the physio.
  const phone = await browser.newPage({ viewport: PHONE });
  await signIn(phone, DEMO.patient);
  await phone.waitForURL(/\/me$/);
  await phone.goto("/me/log");
  const pick = (group: string, option: string) =>
    phone.getByRole("group", { name: group, exact: true }).getByRole("radio", { name: option, exact: true }).check();
  await pick("Did you do your exercises today?", "Did them all");
  await pick("Pain during the session", "7");
  await pick("Pain after the session", "6");
  await phone.getByLabel("Notes for your physio (optional)").fill(NOTE);
  await phone.getByRole("button", { name: /Save/ }).click();
  await expect(phone).toHaveURL(/\/me\/log\/saved\?date=/);
  await phone.close();

  // The physio's triage: Alex left a note and has high pain; the "left a note" tile narrows the list to them.
  const page = await browser.newPage({ viewport: DESKTOP });
  await signIn(page, DEMO.clinician);
  await expect(page.getByRole("heading", { level: 1, name: "Triage" })).toBeVisible();
  const alex = page.locator(".list__item", { has: page.getByRole("link", { name: "Alex Morgan" }) });
  await expect(alex.getByText(/Left (a note|\d notes)/)).toBeVisible();
  await expect(alex.getByText("High pain")).toBeVisible();
  await page.getByRole("link", { name: /left a note/ }).click();
  await expect(page).toHaveURL(/\/clinic\?list=notes$/);
  await expect(page.getByText("Showing only the patients who left you a note you have not read.")).toBeVisible();
  expect(await needsYou(page)).toEqual(["Alex Morgan"]);
  await expect(page.getByRole("heading", { name: "Everyone else" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: ".tmp/physio-week-triage-notes.png", fullPage: true });

  // Their page: the note beside its day, unread; marked read.
  await page.getByRole("link", { name: "Alex Morgan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alex Morgan" })).toBeVisible();
  await page
    .getByRole("navigation", { name: "On this page" })
    .getByRole("link", { name: /Notes \(\d unread\)/ })
    .click();
  const notes = page.locator("#notes");
  const todays = notes.locator(".clinic-note", { hasText: NOTE });
  await expect(todays.getByText("Unread")).toBeVisible();
  await expect(todays.getByText(/session done · pain during 7, after 6/)).toBeVisible();
  await expectNoAxeViolations(page);
  await notes.getByRole("button", { name: /Mark (the note|\d notes) read/ }).click();
  await expect(page.getByText(/(Note|\d notes) marked read\./)).toBeVisible();
  await expect(todays.getByText(/Read by Sam Okafor on/)).toBeVisible();

  // The red flag (and the regression it brought, if any): reviewed with a note.
  const recommendation = page.locator("#recommendation");
  await recommendation.getByLabel("Your note (optional)").fill("Phoned Alex: a steep hill, settled by the evening.");
  await recommendation.getByRole("button", { name: /^Mark .* reviewed$/ }).click();
  await expect(page.getByText(/marked reviewed/)).toBeVisible();
  await expect(recommendation.getByText(/Last reviewed by Sam Okafor on .*Phoned Alex/)).toBeVisible();
  const audit = page.locator("#audit-trail");
  await expect(audit.getByText(/Sam Okafor reviewed .*: “Phoned Alex: a steep hill/)).toBeVisible();
  await expect(audit.getByText(/^Sam Okafor read \d notes? from the patient$/)).toBeVisible();
  await expect(audit).not.toContainText("decision.");
  await expect(audit).not.toContainText("flags.reviewed");
  await page.screenshot({ path: ".tmp/physio-week-patient.png", fullPage: true });

  // The demo's Alex is in a stage whose dose nobody has reviewed yet (triage says so too): the physio keeps it as it is.
  const dose = page.locator("#dose");
  await dose.getByLabel(/Why/).fill("Reviewed after the call: the stage's dose suits Alex");
  await dose.getByRole("button", { name: "Save this patient's dose" }).click();
  await expect(dose.getByText(/Dose saved for this patient/)).toBeVisible();

  // Back on triage: Alex no longer needs the physio; the tile count follows.
  await page.getByRole("link", { name: "Triage" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Triage" })).toBeVisible();
  expect(await needsYou(page)).not.toContain("Alex Morgan");
  await expect(page.locator("section[aria-labelledby=everyone-else]").getByText("Alex Morgan")).toBeVisible();
  await expect(page.getByRole("link", { name: /^0 left a note$/ })).toBeVisible();
  await page.close();
});

test("the triage reads on a 390 px phone: tiles filter, nothing scrolls sideways", async ({ browser }) => {
  const page = await browser.newPage({ viewport: PHONE });
  await signIn(page, DEMO.clinician);
  await expect(page.getByRole("heading", { level: 1, name: "Triage" })).toBeVisible();
  await page.getByRole("link", { name: /need you/ }).click();
  await expect(page).toHaveURL(/list=needs/);
  await expect(page.getByRole("heading", { name: "Needs your attention" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: ".tmp/physio-week-triage-390.png", fullPage: true });
  await page.getByRole("link", { name: "Show everyone" }).click();
  await expect(page).toHaveURL(/\/clinic$/);
  await page.close();
});

test("a physio edits a patient's details: a bad email is a field error that keeps what was typed, then it saves and is audited", async ({
  browser,
}) => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await signIn(page, DEMO.clinician);
  await page.getByRole("link", { name: "Patients" }).first().click();
  await page.getByRole("link", { name: "Jordan Lee" }).click();
  await page.getByText("Edit details").click();
  const form = page.locator(".clinic-details-edit");
  await form.getByLabel("Condition").fill("Left hamstring strain (biceps femoris), grade 2");
  await form.getByLabel("Injury date (optional)").fill("2026-11-02");
  await form.getByLabel("Email").fill("not an email");
  await form.getByRole("button", { name: "Save details" }).click();
  await expect(form.getByText("Enter a valid email address, like name@example.com")).toBeVisible();
  await expect(form.getByLabel("Condition")).toHaveValue("Left hamstring strain (biceps femoris), grade 2");
  await expectNoAxeViolations(page);

  await form.getByLabel("Email").fill(DEMO.patient2);
  await form.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("Details saved (condition, injury date).")).toBeVisible();
  await expect(page.locator(".page-header")).toContainText("Left hamstring strain (biceps femoris), grade 2");
  await expect(page.locator("#audit-trail")).toContainText(
    "Sam Okafor edited the patient's details: condition Left hamstring strain",
  );
  await expect(page.locator("#audit-trail")).toContainText("injury date none → 2 Nov 2026");
  await page.screenshot({ path: ".tmp/physio-week-details.png", fullPage: true });
  await page.close();
});
