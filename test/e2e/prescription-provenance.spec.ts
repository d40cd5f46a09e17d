import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createDb } from "../../app/db/client.server.ts";
import type { Program } from "../../app/engine/index.ts";
import { DEMO, PHONE_VIEWPORT, expectNoAxeViolations, signIn } from "./support.ts";

// Provenance ("[src]", "ours", "the source's", citations, the `source` fields) is for clinicians; patients read plain
// instructions. Checked on the built app: what the browser gets, including the data Remix embeds for hydration.
const PROVENANCE = [
  /\[src/i,
  /\bours\b/i,
  /"source"/,
  /\bsource's\b/i,
  /\(\p{Lu}[\p{L}'-]+ (?:et al\.? )?(?:19|20)\d\d\)/u,
];
const provenanceIn = (text: string) => PROVENANCE.map((re) => re.exec(text)?.[0]).filter(Boolean);

/** A built-in program file as shipped (read directly: Playwright's loader cannot import JSON without attributes). */
const builtInFile = (id: string) =>
  JSON.parse(readFileSync(path.resolve("app/programs", `${id}.json`), "utf8")) as Program;

function serverDb() {
  return createDb(`file:${path.resolve(".tmp", `e2e-${process.env.E2E_PORT ?? "3210"}.db`)}`);
}

test.describe("patients", () => {
  test.use({ viewport: PHONE_VIEWPORT });

  for (const who of [DEMO.patient, DEMO.patient2]) {
    test(`the Today page of ${who} (a built-in program) shows plain instructions, with no provenance in the page or its data`, async ({
      page,
    }) => {
      await signIn(page, who);
      await expect(page.getByRole("heading", { name: "Today's exercises" })).toBeVisible();
      expect(provenanceIn(await page.locator("main").innerText())).toEqual([]);
      expect(provenanceIn(await page.content())).toEqual([]);
      await page.goto("/me/log");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(provenanceIn(await page.content())).toEqual([]);
    });
  }
});

test.describe("clinicians", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("a built-in program's page shows each prescription's source under what the patient reads", async ({ page }) => {
    await signIn(page, DEMO.clinician);
    await expect(page.getByRole("heading", { level: 1, name: "Triage" })).toBeVisible();
    await page.goto("/clinic/programs/hamstring-hickey-2020");
    const stage1 = page.locator(".card", { has: page.getByRole("heading", { name: /^Stage 1:/ }) });
    await expect(stage1.locator(".source-note").first()).toContainText("Hickey JT 2020");
    await expect(
      stage1.getByText(
        "Exercise doses and running volumes are ours; the pain limit and intensity bands are the source's.",
      ),
    ).toBeVisible();
    await expect(stage1.getByText("Volumes are ours; the intensity band is the source's.")).toBeVisible();
    await expect(stage1.locator(".source-note .badge", { hasText: "our reading" }).first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("a clinician duplicates a built-in, edits a prescription's source in the editor, and the saved version loses nothing else", async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await signIn(page, DEMO.clinician);
    await expect(page.getByRole("heading", { level: 1, name: "Triage" })).toBeVisible();
    await page.goto("/clinic/programs/runner-5k-to-10k");
    await page.getByRole("button", { name: "Duplicate to edit" }).click();
    await expect(page).toHaveURL(/\/clinic\/programs\/[^/]+\/edit/);
    const id = new URL(page.url()).pathname.split("/")[3]!;

    // The patient's notes and the clinician-only source are separate fields.
    await expect(page.locator("#f-stages-0-prescription-notes")).toHaveValue(/how hard the session felt/);
    const sourceNote = page.locator("#f-stages-0-prescription-sourceNote");
    await expect(sourceNote).toHaveValue(
      "Session RPE × minutes is tracked as information (Foster 2001), never as a trigger.",
    );
    await sourceNote.fill("Session-RPE load is information only (Foster 2001); ours to show it weekly.");
    await page.locator("#f-stages-0-prescription-sourceOurs").selectOption("true");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Save as version 2" }).click();
    await expect(page).toHaveURL(new RegExp(`/clinic/programs/${id}\\?saved=2`));
    await expect(
      page.getByText("Session-RPE load is information only (Foster 2001); ours to show it weekly."),
    ).toBeVisible();

    // Everything else came through the browser's form unchanged: notes, sources, run prescriptions.
    const db = serverDb();
    try {
      const rows = await db
        .selectFrom("program_version")
        .select(["version", "definition"])
        .where("program_id", "=", id)
        .orderBy("version")
        .execute();
      const [v1, v2] = rows.map((r) => JSON.parse(r.definition) as Program);
      const expected = structuredClone(v1!);
      expected.version = 2;
      expected.stages[0]!.prescription.source = {
        citationIds: ["foster-2001"],
        ours: true,
        note: "Session-RPE load is information only (Foster 2001); ours to show it weekly.",
      };
      expect(v2).toEqual(expected);
      const builtIn = builtInFile("runner-5k-to-10k");
      expect(v1!.stages).toEqual(builtIn.stages);
      expect(v1!.notes).toBe(builtIn.notes);
    } finally {
      await db.destroy();
    }
  });
});
