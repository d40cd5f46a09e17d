import { expect, test } from "@playwright/test";
import { DEMO, PHONE_VIEWPORT, expectNoAxeViolations, signIn } from "./support.ts";

// A message round trip: the patient asks on their phone, the physio answers at the desk, the patient sees the answer.
test("a patient's question and the physio's answer go both ways, with the unread count in the patient's menu", async ({
  browser,
}) => {
  const question = `Can I swap Thursday's session for Friday? (${Date.now()})`;
  const answer = `Yes, keep a day of rest between sessions. (${Date.now()})`;

  const patientContext = await browser.newContext({ viewport: PHONE_VIEWPORT });
  const patient = await patientContext.newPage();
  await signIn(patient, DEMO.patient2);
  await patient.waitForURL(/\/me$/);
  await patient.getByRole("link", { name: "Messages" }).click();
  await expect(patient.getByRole("heading", { name: "Messages" })).toBeVisible();
  await patient.getByRole("button", { name: "Send" }).click();
  await expect(patient.getByText("Enter your message")).toBeVisible();
  await patient.getByLabel("Your message").fill(question);
  await patient.getByRole("button", { name: "Send" }).click();
  await expect(patient.getByText("Sent. Your physio will see it.")).toBeVisible();
  await expect(patient.getByRole("list", { name: "Messages, oldest first" })).toContainText(question);
  await expect(patient.getByLabel("Your message")).toHaveValue("");
  await expectNoAxeViolations(patient);

  const physioContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const physio = await physioContext.newPage();
  await signIn(physio, DEMO.clinician);
  await physio.waitForURL(/\/clinic$/);
  await physio.goto("/clinic/patients");
  await physio
    .getByRole("link", { name: /Jordan Lee/ })
    .first()
    .click();
  await physio.getByRole("link", { name: "Messages" }).click();
  await expect(physio.getByRole("list", { name: "Messages, oldest first" })).toContainText(question);
  await physio.getByLabel("Your message").fill(answer);
  await physio.getByRole("button", { name: "Send" }).click();
  await expect(physio.getByText("Sent to Jordan Lee.")).toBeVisible();
  await expectNoAxeViolations(physio);

  await patient.goto("/me");
  await expect(patient.getByRole("link", { name: /Messages\s*1 unread/ })).toBeVisible();
  await patient.getByRole("link", { name: /Messages/ }).click();
  await expect(patient.getByRole("list", { name: "Messages, oldest first" })).toContainText(answer);
  await patient.goto("/me");
  await expect(patient.getByRole("link", { name: "Messages", exact: true })).toBeVisible();

  await patientContext.close();
  await physioContext.close();
});
