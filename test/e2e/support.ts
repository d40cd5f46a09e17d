import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, type Page } from "@playwright/test";

export const DEMO = {
  clinician: "physio@demo.stagewise.test",
  patient: "patient@demo.stagewise.test",
  patient2: "patient2@demo.stagewise.test",
  password: "stagewise-demo",
} as const;

export const PHONE_VIEWPORT = { width: 360, height: 780 } as const;

export async function signIn(page: Page, email: string, password: string = DEMO.password) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const require = createRequire(import.meta.url);
// Injected through the DevTools protocol, which the page's Content-Security-Policy rightly does not allow as a <script>.
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

/** Runs axe-core (WCAG 2.1 A and AA rules) in the page and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

/**
 * As the signed-in physio (on `page`): adds a patient and starts them on a built-in program's stage from a start date.
 * Returns the one-time invite link's path, for the patient to join from. A patient of its own keeps a spec
 * independent of what other specs do to the demo patients (they share one database).
 */
export async function addPatientOnPlan(
  page: Page,
  patient: { name: string; condition: string; side: "left" | "right"; goal: string },
  plan: { program: string; stage: string; startDate: string },
): Promise<string> {
  await page.goto("/clinic/patients/new");
  await page.getByLabel("Full name").fill(patient.name);
  await page.getByLabel("Email").fill(`${patient.name.split(" ")[0]!.toLowerCase()}.${Date.now()}@example.test`);
  await page.getByLabel("Condition").fill(patient.condition);
  await page.getByLabel("Involved side").selectOption(patient.side);
  await page.getByRole("button", { name: "Add patient" }).click();
  const inviteLink = await page.getByLabel(/One-time invite link/).inputValue();
  await page.getByRole("link", { name: `Open ${patient.name}'s page` }).click();
  const program = page.getByLabel("Program");
  const programId = await program.locator("option", { hasText: plan.program }).first().getAttribute("value");
  await program.selectOption(programId!);
  await page.getByLabel("Start in stage").selectOption({ label: plan.stage });
  await page.getByLabel("Start date").fill(plan.startDate);
  await page.getByLabel("The patient's goal, in their own words").fill(patient.goal);
  await page.getByRole("button", { name: "Start plan" }).click();
  await expect(page.getByText("Plan started.")).toBeVisible();
  return new URL(inviteLink).pathname;
}
