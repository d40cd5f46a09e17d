import { expect, test, type Page } from "@playwright/test";
import { addDays } from "../../app/engine/index.ts";
import { formatDate, todayIn } from "../../app/utils/dates.ts";
import { DEMO, expectNoAxeViolations, signIn } from "./support.ts";

// Issue 16 items 8 and 9, a week in the clinic: Jordan logs on a phone over several days — "did them all" in one
// tap, a partial day with the checklist and a note, a day that hasn't come yet, and a second tab whose save would
// overwrite the first; the physio at a desk reads the note. Jordan, because the demo leaves their last four days
// unlogged (personal-dose.spec only opens yesterday's form; page-sweep's keyboard test logs today). The physio's side of
// notes, flag reviews and patient details is physio-week.spec.ts; this spec checks what the patient's log feeds it.

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const today = todayIn("Europe/London");
const threeDaysAgo = addDays(today, -3);
const twoDaysAgo = addDays(today, -2);
const yesterday = addDays(today, -1);
const tomorrow = addDays(today, 1);
// One long unbroken word (a pasted link) must wrap, not push the page sideways.
const LONG_WORD = `https://example.com/${"hamstring".repeat(14)}video`;
const NOTE = `Only managed half of the slow lunges, the back of my thigh tightened. Video: ${LONG_WORD}`;

test.describe.configure({ mode: "serial" });

const pick = (page: Page, group: string, option: string) =>
  page.getByRole("group", { name: group, exact: true }).getByRole("radio", { name: option, exact: true }).check();

/** How far the page reaches past the screen's width. Against the viewport we set: a mobile browser widens its layout
 * viewport (window.innerWidth) to fit what sticks out, which would hide the overflow. */
async function sidewaysOverflow(page: Page) {
  const width = page.viewportSize()!.width;
  return (await page.evaluate(() => document.documentElement.scrollWidth)) - width;
}

/** The exercise checklist follows the session answer only once React has taken over the server's HTML. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => "__remixRouter" in window);
}

test("Jordan logs a week on a phone: did them all, a partial day with a note, a future day, and a stale second tab", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, DEMO.patient2);
  await page.waitForURL(/\/me$/);

  // Three days ago, a usual day: the form fits two phone screens, the exercises wait unanswered, one tap says all.
  await page.goto(`/me/log?date=${threeDaysAgo}`);
  await hydrated(page);
  await expect(page.locator("fieldset.log-exercise")).toHaveCount(0);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height, `the log is ${height}px tall on a 844px screen`).toBeLessThanOrEqual(2 * PHONE.height);
  await pick(page, "Pain on waking", "1");
  await pick(page, `Did you do your exercises on ${formatDate(threeDaysAgo)}?`, "Did them all");
  await expect(page.getByText(/^All \d+ exercises, at your dose\.$|^Your exercise, at your dose\.$/)).toBeVisible();
  await pick(page, "Pain during the session", "2");
  await pick(page, "Pain after the session", "1");
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: ".tmp/week-in-clinic-log-phone.png", fullPage: true });
  await page.getByRole("button", { name: "Save log" }).click();
  await expect(page).toHaveURL(/\/me\/log\/saved\?date=/);
  await expect(page.getByText(/^Session: done — pain during 2\/10, after 1\/10/)).toBeVisible();
  // Every exercise of the dose is recorded as done, none left out.
  await expect(page.locator(".recorded li", { hasText: /: done/ }).first()).toBeVisible();
  await expect(page.locator(".recorded li", { hasText: /not done|partly/ })).toHaveCount(0);

  // Two days ago, only some of them: the checklist opens, each unanswered; numbers are asked only for "partly".
  await page.goto(`/me/log?date=${twoDaysAgo}`);
  await hydrated(page);
  await pick(page, `Did you do your exercises on ${formatDate(twoDaysAgo)}?`, "Some of them");
  const rows = page.locator("fieldset.log-exercise");
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  await expect(rows.locator("input[type=radio]:checked")).toHaveCount(0);
  await pick(page, "Pain during the session", "4");
  await page.getByRole("button", { name: "Save log" }).click();
  // Nothing was lost: the unanswered exercises are marked where they are.
  await expect(rows.first().getByText("Choose done, partly or not done")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/me/log\\?date=${twoDaysAgo}$`));
  await rows.first().getByRole("radio", { name: "Partly" }).check();
  const reps = rows.first().getByLabel("Reps");
  await expect(reps).not.toHaveValue("");
  await reps.fill("5");
  for (let i = 1; i < count; i++)
    await rows
      .nth(i)
      .getByRole("radio", { name: i === 1 ? "Done" : "Not done", exact: true })
      .check();
  await expect(rows.nth(1).getByLabel("Reps")).toHaveCount(0);
  await page.getByLabel("Notes for your physio (optional)").fill(NOTE);
  await page.screenshot({ path: ".tmp/week-in-clinic-partial-phone.png", fullPage: true });
  await page.getByRole("button", { name: "Save log" }).click();
  await expect(page).toHaveURL(/\/me\/log\/saved\?date=/);
  await expect(page.getByText(/^Session: partly done — pain during 4\/10/)).toBeVisible();
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.goto("/me/history");
  await expect(page.getByRole("heading", { level: 1, name: "Your history" })).toBeVisible();
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

  // Tomorrow can't be logged yet, and the page says so (not that the day is too old).
  await page.goto(`/me/log?date=${tomorrow}`);
  await expect(page.getByText("That day hasn't come yet: you can log a day once it has started.")).toBeVisible();
  await expect(page.locator("form.log-form")).toHaveCount(0);

  // Yesterday, in two tabs: the first saves; the second, opened before, is warned and keeps what was typed.
  const second = await context.newPage();
  await page.goto(`/me/log?date=${yesterday}`);
  await second.goto(`/me/log?date=${yesterday}`);
  await Promise.all([hydrated(page), hydrated(second)]);
  await pick(page, `Did you do your exercises on ${formatDate(yesterday)}?`, "None");
  await page.getByRole("button", { name: "Save log" }).click();
  await expect(page).toHaveURL(/\/me\/log\/saved\?date=/);
  await expect(page.getByText(/^Session: no session/)).toBeVisible();

  await pick(second, `Did you do your exercises on ${formatDate(yesterday)}?`, "Did them all");
  await pick(second, "Pain during the session", "3");
  await second.getByLabel("Notes for your physio (optional)").fill("Did it all in the evening after all");
  await second.getByRole("button", { name: "Save log" }).click();
  const warning = second.getByRole("alert");
  await expect(warning).toContainText(
    "This day's log was changed in another tab or device since you opened it — review and save again.",
  );
  await expect(second.getByLabel("Notes for your physio (optional)")).toHaveValue(
    "Did it all in the evening after all",
  );
  await expect(
    second.getByRole("group", { name: "Pain during the session" }).getByRole("radio", { name: "3", exact: true }),
  ).toBeChecked();
  await expectNoAxeViolations(second);
  await second.screenshot({ path: ".tmp/week-in-clinic-stale-phone.png", fullPage: true });
  // Saving again is on purpose now: it replaces the other tab's log.
  await second.getByRole("button", { name: /Save/ }).click();
  await expect(second).toHaveURL(/\/me\/log\/saved\?date=/);
  await expect(second.getByRole("heading", { level: 1 })).toHaveText(/^Log updated/);
  await expect(second.getByText(/^Session: done — pain during 3\/10/)).toBeVisible();
  await context.close();
});

test("the same log reads at a desk: nothing sideways, the folds open, the labels on one line", async ({ browser }) => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await signIn(page, DEMO.patient2);
  await page.waitForURL(/\/me$/);
  await page.goto(`/me/log?date=${twoDaysAgo}`);
  await hydrated(page);
  // The saved partial day comes back as it was saved: its checklist answers, its note.
  await expect(page.locator("fieldset.log-exercise").first().getByRole("radio", { name: "Partly" })).toBeChecked();
  await expect(page.getByLabel("Notes for your physio (optional)")).toHaveValue(NOTE);
  const fold = page.locator("details.log-fold", { has: page.locator("summary", { hasText: /^Other activities/ }) });
  if ((await fold.getAttribute("open")) === null) await fold.locator("summary").click();
  const effort = page.getByText("Effort 0–10").first();
  const box = await effort.boundingBox();
  expect(box!.height, "the effort label is one line").toBeLessThan(30);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: ".tmp/week-in-clinic-log-desktop.png", fullPage: true });
  await page.close();
});

test("the physio at 1280 px sees Jordan's note on triage and beside its day, and the long word wraps", async ({
  browser,
}) => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await signIn(page, DEMO.clinician);
  await expect(page.getByRole("heading", { level: 1, name: "Triage" })).toBeVisible();
  const jordan = page.locator(".list__item", { has: page.getByRole("link", { name: "Jordan Lee" }) });
  await expect(jordan.getByText(/Left (a note|\d notes)/)).toBeVisible();
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

  await page.getByRole("link", { name: "Jordan Lee" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Jordan Lee" })).toBeVisible();
  const note = page.locator("#notes .clinic-note", { hasText: "Only managed half of the slow lunges" });
  await expect(note.getByText("Unread")).toBeVisible();
  await expect(note.getByText(/session partly done · pain during 4/)).toBeVisible();
  // The pasted link wraps inside the note instead of widening the page.
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  const spill = await note.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(spill).toBeLessThanOrEqual(0);
  await page.screenshot({ path: ".tmp/week-in-clinic-physio.png", fullPage: true });
  // And on a phone, where a physio checks a patient between sessions.
  await page.setViewportSize(PHONE);
  await expect(note).toBeVisible();
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  // Marking it read, flag reviews and details edits: physio-week.spec.ts.
  await page.close();
});
