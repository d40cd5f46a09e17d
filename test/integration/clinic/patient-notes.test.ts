import { describe, expect, it } from "vitest";
import { addDays } from "~/engine/index.ts";
import * as triage from "~/routes/clinic._index/route.tsx";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";
import * as logRoute from "~/routes/me.log/route.tsx";
import { getDb } from "~/utils/db.server.ts";
import { createClinician } from "../../support/factories.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { validLogForm } from "../me/plan-fixture.ts";
import { clinicWithProgram, planStartedDaysAgo } from "./fixtures.ts";

// Issue 16 item 1: what the patient writes to the physio reaches them — on triage ("Left a note") and on the
// patient's page beside that day, unread until a clinician of the clinic marks it read.

const page = (patientId: string) => `/clinic/patients/${patientId}`;

async function patientWroteANote(note = "Calf tight on the stairs this morning") {
  const db = getDb();
  const cast = await clinicWithProgram(db);
  const { planId, today } = await planStartedDaysAgo(db, cast, 2);
  const logged = await run(
    logRoute.action,
    await postRequest("/me/log", validLogForm(today, ["heel-raise"], { painDuring: "3", notes: note }), {
      userId: cast.patientA.id,
    }),
  );
  expect(logged.status).toBe(302);
  const log = await db.selectFrom("daily_log").selectAll().where("plan_id", "=", planId).executeTakeFirstOrThrow();
  return { cast, planId, today, logId: log.id };
}

const loadPage = async (patientId: string, userId: string) =>
  run(patientPage.loader, await getRequest(page(patientId), { userId }), { patientId });
const markRead = async (patientId: string, form: Record<string, string | string[]>, userId: string) =>
  run(patientPage.action, await postRequest(page(patientId), { intent: "mark-notes-read", ...form }, { userId }), {
    patientId,
  });
const readRows = (planId: string) =>
  getDb().selectFrom("log_note_read").selectAll().where("plan_id", "=", planId).execute();

describe("a patient's note to the physio", () => {
  it("shows on triage as 'Left a note' (and under the 'left a note' tile) and on their page beside its day, unread", async () => {
    const { cast, today } = await patientWroteANote();
    const home = await run(triage.loader, await getRequest("/clinic", { userId: cast.clinician.id }));
    const row = home.data.needsAttention.find((r: { name: string }) => r.name === "Patient A");
    expect(row.reasons.map((r: { label: string }) => r.label)).toContain("Left a note");
    expect(home.data.leftANote).toBe(1);
    const filtered = await run(triage.loader, await getRequest("/clinic?list=notes", { userId: cast.clinician.id }));
    expect(filtered.data.needsAttention.map((r: { name: string }) => r.name)).toEqual(["Patient A"]);
    expect(filtered.data.everyoneElse).toEqual([]);

    const res = await loadPage(cast.patientA.id, cast.clinician.id);
    expect(res.data.notes).toEqual([
      expect.objectContaining({
        date: today,
        note: "Calf tight on the stairs this morning",
        unread: true,
        day: expect.objectContaining({ painDuring: 3, sessionDone: "done" }),
      }),
    ]);
  });

  it("once marked read by a clinician, is read for the whole clinic and leaves triage; an edit by the patient makes it unread again", async () => {
    const db = getDb();
    const { cast, planId, today, logId } = await patientWroteANote();
    const marked = await markRead(cast.patientA.id, { planId, logIds: logId }, cast.clinician.id);
    expect(marked.status).toBe(200);
    expect(marked.data.message).toBe("Note marked read.");

    const colleague = await createClinician(db, cast.clinic.id, { name: "Dr Colleague" });
    const seen = await loadPage(cast.patientA.id, colleague.id);
    expect(seen.data.notes[0]).toMatchObject({ unread: false, readBy: "Dr Test Clinician" });
    const home = await run(triage.loader, await getRequest("/clinic?scope=clinic", { userId: colleague.id }));
    expect(home.data.leftANote).toBe(0);
    const audit = await db
      .selectFrom("audit_event")
      .selectAll()
      .where("action", "=", "notes.read")
      .where("plan_id", "=", planId)
      .execute();
    expect(audit).toHaveLength(1);

    await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(today, ["heel-raise"], { notes: "Now the heel hurts too" }), {
        userId: cast.patientA.id,
      }),
    );
    const again = await loadPage(cast.patientA.id, cast.clinician.id);
    expect(again.data.notes[0]).toMatchObject({ note: "Now the heel hurts too", unread: true });
  });

  it("without a note chosen is a field error and marks nothing", async () => {
    const { cast, planId } = await patientWroteANote();
    const res = await markRead(cast.patientA.id, { planId }, cast.clinician.id);
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors.logIds).toBe("Choose a note to mark read");
    expect(await readRows(planId)).toEqual([]);
  });

  it("cannot be marked read by another clinic's clinician (404) or a patient (403), nor through another patient's page", async () => {
    const { cast, planId, logId } = await patientWroteANote();
    const otherClinic = await markRead(cast.patientA.id, { planId, logIds: logId }, cast.other.clinician.id);
    expect(otherClinic.status).toBe(404);
    const patient = await markRead(cast.patientA.id, { planId, logIds: logId }, cast.patientA.id);
    expect(patient.status).toBe(403);
    const wrongPage = await markRead(cast.patientB.id, { planId, logIds: logId }, cast.clinician.id);
    expect(wrongPage.status).toBe(404);
    expect(await readRows(planId)).toEqual([]);
    const stillUnread = await loadPage(cast.patientA.id, cast.clinician.id);
    expect(stillUnread.data.notes[0].unread).toBe(true);
  });

  it("a day without a note is not listed", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { today } = await planStartedDaysAgo(db, cast, 2);
    await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(addDays(today, -1), ["heel-raise"], { notes: "" }), {
        userId: cast.patientA.id,
      }),
    );
    const res = await loadPage(cast.patientA.id, cast.clinician.id);
    expect(res.data.notes).toEqual([]);
  });
});
