import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { QUESTIONNAIRE_KINDS, QUESTIONNAIRE_TITLES } from "../../app/content/questionnaires.ts";
import { DEMO, expectNoAxeViolations, PHONE_VIEWPORT, signIn } from "./support.ts";

// The page sweep: every page each role can reach, at desktop width and on a phone, passes axe (WCAG 2.1 A and AA,
// colour contrast included), does not scroll sideways, has exactly one h1 and one main landmark. A page with closed
// disclosures (<details>: the engine's reasons, chart data tables, decision history) is checked again with all of them
// open. Addresses that depend on the demo data (a patient, a program, a logged day) are found by following links.
//
// The sweep reads, with three exceptions, all new rows no other spec reads: the program editor needs programs of the
// clinic's own (the library is read-only and the demo clinic has none), so three library programs are duplicated, as
// a clinician does before editing; the invite page needs a fresh invite, and the "patient added" page only exists after
// adding one, so patients named "Sweep …" are added; and the keyboard test saves a daily log for the second demo
// patient, whose logs no other spec depends on (the first demo patient's are left alone).

const DESKTOP = { width: 1280, height: 900 } as const;
const WIDTHS = [
  { label: `desktop ${DESKTOP.width}px`, viewport: DESKTOP },
  { label: `phone ${PHONE_VIEWPORT.width}px`, viewport: PHONE_VIEWPORT },
] as const;

/**
 * Library programs whose pages and editors (on a clinic's copy) are swept: between them they use every kind of gate
 * and regress criterion in the library (the editor has fields for each kind) and a running prescription.
 */
const EDITED_PROGRAMS = ["achilles-silbernagel-2007", "acl-delaware-oslo-2016", "runner-5k-to-10k"] as const;

type Role = "visitor" | "clinician" | "patient";
type Found = Record<string, string>;
/**
 * A page: a fixed path, a path built from what `discover` found, or (for the result of a form post) a function that
 * gets the page there.
 */
type Target =
  | { name: string; path: string | ((found: Found) => string); status?: number }
  | { name: string; open: (page: Page) => Promise<void> };

const PAGES: Record<Role, Target[]> = {
  visitor: [
    { name: "start page", path: "/" },
    { name: "sign in", path: "/login" },
    { name: "invite: set your password", path: (f) => f.invite! },
    { name: "invite link that no longer works", path: "/invite/not-a-real-invite-token" },
    { name: "get a sign-in link", path: "/login/link" },
    { name: "sign-in link that does not work", path: "/sign-in/not-a-real-sign-in-token" },
    { name: "not found", path: "/no-such-page", status: 404 },
  ],
  clinician: [
    { name: "triage, my patients", path: "/clinic" },
    { name: "triage, whole clinic", path: "/clinic?scope=clinic" },
    { name: "patients", path: "/clinic/patients" },
    { name: "patients without a plan", path: "/clinic/patients?status=none" },
    { name: "new patient", path: "/clinic/patients/new" },
    { name: "new patient, added (the invite link)", open: addPatient },
    { name: "a patient's page", path: (f) => f.patient! },
    { name: "a patient's page before a plan", path: (f) => f.patientWithoutPlan! },
    { name: "programs", path: "/clinic/programs" },
    ...EDITED_PROGRAMS.map((id) => ({ name: `library program ${id}`, path: (f: Found) => f[`library:${id}`]! })),
    { name: `the clinic's own copy of ${EDITED_PROGRAMS[0]}`, path: (f) => f[`own:${EDITED_PROGRAMS[0]}`]! },
    ...EDITED_PROGRAMS.map((id) => ({
      name: `program editor, a copy of ${id}`,
      path: (f: Found) => `${f[`own:${id}`]}/edit`,
    })),
    { name: "try it", path: (f) => `${f.libraryProgram}/try` },
    { name: "try it, after running the engine", path: (f) => f.tryResults! },
    { name: "new program", path: "/clinic/programs/new" },
    { name: "account", path: "/clinic/account" },
    { name: "not found in the clinic", path: "/clinic/patients/no-such-patient", status: 404 },
  ],
  patient: [
    { name: "today", path: "/me" },
    { name: "log today", path: "/me/log" },
    { name: "log for an earlier day", path: (f) => `/me/log?date=${f.loggedDate}` },
    { name: "log saved", path: (f) => `/me/log/saved?date=${f.loggedDate}` },
    { name: "history", path: "/me/history" },
    { name: "progress", path: "/me/progress" },
    { name: "questionnaires", path: "/me/questionnaires" },
    ...QUESTIONNAIRE_KINDS.map((kind) => ({
      name: `questionnaire ${QUESTIONNAIRE_TITLES[kind]}`,
      path: `/me/questionnaires/${kind}`,
    })),
    { name: "self-tests", path: "/me/tests" },
    { name: "account", path: "/me/account" },
    { name: "not found in the patient area", path: "/me/questionnaires/no-such-questionnaire", status: 404 },
  ],
};

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

let sweepPatients = 0;
/** Adds a patient through the form, as a clinician does; the page then shows the one-time invite link. */
async function addPatient(page: Page) {
  const n = ++sweepPatients;
  await page.goto("/clinic/patients/new");
  await hydrated(page);
  await page.getByLabel("Full name").fill(`Sweep Patient ${n}`);
  await page.getByLabel("Email").fill(`sweep.${Date.now()}.${n}@example.test`);
  await page.getByLabel("Condition").fill("Left patellar tendinopathy");
  await page.getByLabel("Involved side").selectOption("left");
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Patient added" })).toBeVisible();
}

/** Signs in once for the role and follows links to the pages whose addresses depend on the data. */
async function discover(browser: Browser, role: Role): Promise<{ storageState?: StorageState; found: Found }> {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const found: Found = {};
  try {
    if (role === "visitor") {
      // A fresh invite, made by the clinician; the visitor opens it signed out.
      await signIn(page, DEMO.clinician);
      await expect(page).toHaveURL(/\/clinic$/);
      await addPatient(page);
      found.invite = new URL(await page.getByLabel(/One-time invite link/).inputValue()).pathname;
      return { found };
    }
    await signIn(page, role === "clinician" ? DEMO.clinician : DEMO.patient);
    if (role === "clinician") {
      await expect(page).toHaveURL(/\/clinic$/);
      await page.goto("/clinic/patients");
      found.patient = await hrefOf(page.getByRole("table").getByRole("link", { name: "Alex Morgan" }));
      // A patient with no plan yet (their page shows the start-plan form): one the visitor's sweep added, or a new one.
      await page.goto("/clinic/patients?status=none");
      if ((await page.getByRole("table").count()) === 0) {
        await addPatient(page);
        await page.goto("/clinic/patients?status=none");
      }
      found.patientWithoutPlan = await hrefOf(page.getByRole("table").getByRole("link").first());
      await page.goto("/clinic/programs");
      const library = page.locator("section", { has: page.getByRole("heading", { name: "Library (read-only)" }) });
      found.libraryProgram = await hrefOf(library.getByRole("link").first());
      for (const id of EDITED_PROGRAMS) {
        found[`library:${id}`] = await hrefOf(library.locator(`a[href="/clinic/programs/${id}"]`));
        // The editor opens only the clinic's own programs: duplicate the library program, as a clinician would.
        await page.goto(found[`library:${id}`]!);
        await page.getByRole("button", { name: "Duplicate to edit" }).click();
        await expect(page).toHaveURL(/\/edit/);
        found[`own:${id}`] = new URL(page.url()).pathname.replace(/\/edit$/, "");
        await page.goto("/clinic/programs");
      }
      await page.goto(`${found.libraryProgram}/try`);
      await page.getByRole("button", { name: "Run the engine" }).click();
      await expect(page.getByRole("heading", { name: "What the engine would decide" })).toBeVisible();
      const url = new URL(page.url());
      found.tryResults = url.pathname + url.search;
    } else {
      await expect(page).toHaveURL(/\/me$/);
      await page.goto("/me/history");
      // The newest day the demo patient logged that can still be changed (opened, never saved, here).
      const change = new URL(
        await hrefOf(page.getByRole("link", { name: /^Change the log for/ }).first()),
        "http://localhost",
      );
      found.loggedDate = change.searchParams.get("date")!;
    }
    return { storageState: await context.storageState(), found };
  } finally {
    await context.close();
  }
}

async function hrefOf(link: Locator): Promise<string> {
  const href = await link.getAttribute("href");
  expect(href, "a link to follow").toBeTruthy();
  return href!;
}

/** Waits until React has hydrated the server-rendered page (Remix puts its router on window as it starts). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => "__remixRouter" in window);
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    // The element reaching furthest right, so a failure says what to fix.
    let culprit = "";
    let right = root.clientWidth;
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect().right;
      if (r > right + 0.5) {
        right = r;
        culprit = `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> reaching ${Math.round(r)}px: ${(el.textContent ?? "").trim().slice(0, 60)}`;
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprit };
  });
  expect(overflow, `the page scrolls sideways: ${JSON.stringify(overflow)}`).toBeNull();
}

/** Content wider than its box may scroll inside the page only in a focusable, labelled region (keyboard users can scroll it). */
async function expectScrollContainersUsable(page: Page) {
  const unusable = await page.evaluate(() =>
    Array.from(document.body.querySelectorAll<HTMLElement>("*"))
      .filter((el) => !el.matches("input, textarea, select") && el.checkVisibility())
      .filter(
        (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1,
      )
      .filter(
        (el) =>
          !(
            el.tabIndex >= 0 &&
            el.getAttribute("role") === "region" &&
            (el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby"))
          ),
      )
      .map((el) => el.outerHTML.slice(0, 160)),
  );
  expect(unusable, "wide content scrolls in a container that is not a focusable, labelled region").toEqual([]);
}

async function expectPageChecks(page: Page) {
  await expect(page.locator("h1"), "exactly one h1").toHaveCount(1);
  await expect(page.getByRole("main"), "one main landmark").toHaveCount(1);
  await expectNoHorizontalScroll(page);
  await expectScrollContainersUsable(page);
  await expectNoAxeViolations(page);
}

for (const role of ["visitor", "clinician", "patient"] as const) {
  test.describe(`page sweep: ${role}`, () => {
    let session: Awaited<ReturnType<typeof discover>>;
    // One browser context per width, kept across this role's pages: assets come from its cache, as they do for people.
    const contexts = new Map<string, BrowserContext>();
    test.beforeAll(async ({ browser }) => {
      test.setTimeout(60_000);
      session = await discover(browser, role);
    });
    test.afterAll(async () => {
      for (const context of contexts.values()) await context.close();
    });

    for (const target of PAGES[role]) {
      for (const width of WIDTHS) {
        const where = "path" in target && typeof target.path === "string" ? ` (${target.path})` : "";
        test(`${role} · ${target.name}${where} · ${width.label}`, async ({ browser }) => {
          let context = contexts.get(width.label);
          if (!context) {
            context = await browser.newContext({ viewport: width.viewport, storageState: session.storageState });
            contexts.set(width.label, context);
          }
          const page = context.pages()[0] ?? (await context.newPage());
          if ("open" in target) {
            await target.open(page);
          } else {
            const url = typeof target.path === "string" ? target.path : target.path(session.found);
            const response = await page.goto(url);
            expect(response?.status(), `HTTP status of ${url}`).toBe(target.status ?? 200);
          }
          await hydrated(page);
          await expectPageChecks(page);
          if ((await page.locator("details:not([open])").count()) > 0) {
            await test.step("again with every disclosure open", async () => {
              await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
              await expectPageChecks(page);
            });
          }
        });
      }
    }
  });
}

test.describe("keyboard only", () => {
  test.use({ viewport: PHONE_VIEWPORT });

  test("the daily log is filled in and saved with Tab, Shift+Tab, Space, arrow keys and Enter, and focus is always visible", async ({
    page,
  }) => {
    // The second demo patient: no other spec reads their logs (the first demo patient's today is left to patient-log).
    await signIn(page, DEMO.patient2);
    await expect(page).toHaveURL(/\/me$/);
    await page.goto("/me/log");
    await hydrated(page);

    /** Every control that had keyboard focus and showed no focus indicator. */
    const unseen: string[] = [];
    const press = async (key: string) => {
      await page.keyboard.press(key);
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const what = `<${el.tagName.toLowerCase()}${el.getAttribute("name") ? ` name="${el.getAttribute("name")}"` : ""}> ${(el.textContent ?? "").trim().slice(0, 40)}`;
        // A radio drawn as a button (.choice__option): the input is transparent and the <span> after it shows focus.
        const drawn = getComputedStyle(el).opacity === "0" && el.nextElementSibling ? el.nextElementSibling : el;
        const style = getComputedStyle(drawn);
        const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        const shadow = style.boxShadow !== "none";
        return { what, visible: el.matches(":focus-visible") && (outline || shadow) };
      });
      if (focus && !focus.visible) unseen.push(focus.what);
    };
    const focused = (selector: string) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
    /** Tabs (or Shift+Tabs) until the control matching `selector` has focus. */
    const tabTo = async (selector: string, key: "Tab" | "Shift+Tab" = "Tab") => {
      for (let i = 0; i < 60; i++) {
        await press(key);
        if (await focused(selector)) return;
      }
      throw new Error(`${key} never reached ${selector}`);
    };
    /** In a 0–10 row with nothing chosen yet: Space picks 0 (where Tab lands), then the right arrow moves up to `value`. */
    const scale = async (name: string, value: number) => {
      await tabTo(`input[name="${name}"]`);
      await press("Space");
      for (let i = 0; i < value; i++) await press("ArrowRight");
      await expect(page.locator(`input[name="${name}"]:checked`)).toHaveValue(String(value));
    };

    await scale("morningPain", 2);
    await scale("morningStiffness", 1);
    await tabTo('input[name="sessionDone"]');
    await press("Space");
    await expect(page.locator('input[name="sessionDone"]:checked')).toHaveValue("done");
    // Only some of them after all: the checklist opens, each exercise unanswered.
    await press("ArrowRight");
    await expect(page.locator('input[name="sessionDone"]:checked')).toHaveValue("partial");
    // The first exercise was only partly done, one set fewer: arrows move the choice, and step a number down.
    await tabTo('input[name="exercises.0.status"]');
    await press("ArrowRight");
    await expect(page.locator('input[name="exercises.0.status"]:checked')).toHaveValue("partial");
    await tabTo('input[name="exercises.0.sets"]');
    const sets = Number(await page.locator('input[name="exercises.0.sets"]').inputValue());
    await press("ArrowDown");
    await expect(page.locator('input[name="exercises.0.sets"]')).toHaveValue(String(sets - 1));
    // The rest of the checklist: done (Tab lands on "Done", Space picks it).
    const exercises = await page.locator("fieldset.log-exercise").count();
    for (let i = 1; i < exercises; i++) {
      await tabTo(`input[name="exercises.${i}.status"]`);
      await press("Space");
      await expect(page.locator(`input[name="exercises.${i}.status"]:checked`)).toHaveValue("done");
    }
    await scale("painDuring", 3);
    await scale("painAfter", 2);
    // Effort and time are folded away: Enter on the summary opens them.
    await tabTo("summary.log-fold__summary");
    await press("Enter");
    await scale("sessionRpe", 5);
    await tabTo('input[name="sessionMinutes"]');
    await page.keyboard.type("30");
    // Second thoughts about the effort: back with Shift+Tab to the chosen 5, one to the left.
    await tabTo('input[name="sessionRpe"]', "Shift+Tab");
    await press("ArrowLeft");
    await expect(page.locator('input[name="sessionRpe"]:checked')).toHaveValue("4");
    await tabTo("summary.log-fold__summary");
    await press("Enter");
    await tabTo('input[name="otherActivities.0.label"]');
    await page.keyboard.type("walk");
    await press("Tab");
    await page.keyboard.type("40");
    await press("Tab");
    await page.keyboard.type("3");
    await tabTo('select[name="swelling"]');
    await press("ArrowDown");
    await tabTo('form.log-form button[type="submit"]');
    await page.keyboard.press("Enter");

    await expect(page).toHaveURL(/\/me\/log\/saved\?date=/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Log (saved|updated)/);
    await expect(
      page.getByText("Session: partly done — pain during 3/10, after 2/10, effort 4/10, 30 min"),
    ).toBeVisible();
    await expect(page.getByText("walk: 40 min, effort 3/10")).toBeVisible();
    expect(unseen, "controls that had keyboard focus without a visible focus indicator").toEqual([]);
  });
});

test.describe("the header on a phone", () => {
  test.use({ viewport: PHONE_VIEWPORT });

  for (const [who, email] of [
    ["patient", DEMO.patient],
    ["clinician", DEMO.clinician],
  ] as const) {
    test(`${who}: brand and account on one row, every page's tab on the row beneath`, async ({ page }) => {
      await signIn(page, email);
      await page.waitForURL(/\/(me|clinic)$/, { waitUntil: "load" });
      const tabs = page.getByRole("navigation", { name: "Main" }).getByRole("link");
      const tops = await tabs.evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
      expect(new Set(tops).size, `the tabs share one row (tops ${tops.join(", ")})`).toBe(1);
      const brand = await page.locator(".brand").boundingBox();
      const signOut = await page.getByRole("button", { name: "Sign out" }).boundingBox();
      expect(
        Math.abs(brand!.y + brand!.height / 2 - (signOut!.y + signOut!.height / 2)),
        "sign-out sits beside the brand",
      ).toBeLessThan(8);
      expect(tops[0]!, "the tabs come below the brand").toBeGreaterThan(brand!.y + brand!.height);
    });
  }
});
