import { describe, expect, it } from "vitest";
import { addDays, ProgramSchema } from "~/engine/index.ts";
import * as patients from "~/routes/clinic.patients._index.tsx";
import * as newPatient from "~/routes/clinic.patients.new.tsx";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";
import * as invite from "~/routes/invite.$token.tsx";
import * as triage from "~/routes/clinic._index/route.tsx";
import { createClinicProgram } from "~/services/program-editor.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { clinicWithProgram, planStartedDaysAgo, twoStageProgram } from "./fixtures.ts";

// Issue 16 items 2 and 3: a patient's details can be edited (audited from → to, the running plan follows); a program
// counting days from a date the plan lacks warns; an invited patient's link can be copied again until it is used.

const page = (patientId: string) => `/clinic/patients/${patientId}`;
const details = {
  intent: "edit-details",
  name: "Patient A Renamed",
  email: "renamed.a@example.test",
  timeZone: "America/New_York",
  condition: "Left ACL reconstruction",
  involvedSide: "left",
  injuryDate: "2026-08-20",
  surgeryDate: "2026-09-01",
};
const edit = async (patientId: string, form: Record<string, string>, userId: string) =>
  run(patientPage.action, await postRequest(page(patientId), form, { userId }), { patientId });
const loadPage = async (patientId: string, userId: string) =>
  run(patientPage.loader, await getRequest(page(patientId), { userId }), { patientId });
const userRow = (id: string) =>
  getDb().selectFrom("app_user").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("editing a patient's details", () => {
  it("saves name, email, time zone, condition, side and dates, audits each change from → to, and the running plan follows", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId } = await planStartedDaysAgo(db, cast, 3);
    const res = await edit(cast.patientA.id, details, cast.clinician.id);
    expect(res.status).toBe(200);
    expect(res.data.message).toBe(
      "Details saved (name, email, time zone, condition, involved side, injury date, surgery date).",
    );
    expect(await userRow(cast.patientA.id)).toMatchObject({
      name: "Patient A Renamed",
      email: "renamed.a@example.test",
      time_zone: "America/New_York",
    });
    const plan = await db.selectFrom("plan").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ involved_side: "left", injury_date: "2026-08-20", surgery_date: "2026-09-01" });
    const audit = await db
      .selectFrom("audit_event")
      .selectAll()
      .where("entity_id", "=", cast.patientA.id)
      .where("action", "=", "patient.details_edited")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!).changes).toEqual(
      expect.arrayContaining([
        { field: "involvedSide", from: "right", to: "left" },
        { field: "surgeryDate", from: null, to: "2026-09-01" },
        { field: "email", from: cast.patientA.email, to: "renamed.a@example.test" },
      ]),
    );
    // Saving the same details again changes nothing and audits nothing.
    const again = await edit(cast.patientA.id, details, cast.clinician.id);
    expect(again.data.message).toBe("Nothing changed.");
    const edits = await db
      .selectFrom("audit_event")
      .select("id")
      .where("entity_id", "=", cast.patientA.id)
      .where("action", "=", "patient.details_edited")
      .execute();
    expect(edits).toHaveLength(1);
  });

  it("refuses an email another account signs in with, and a date that is not a date, keeping what was typed", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const before = await userRow(cast.patientA.id);
    const taken = await edit(cast.patientA.id, { ...details, email: cast.patientB.email }, cast.clinician.id);
    expect(taken.status).toBe(400);
    expect(taken.data.fieldErrors.email).toMatch(/cannot be used/);
    expect(taken.data.values.name).toBe("Patient A Renamed");
    const badDate = await edit(cast.patientA.id, { ...details, surgeryDate: "2026-02-30" }, cast.clinician.id);
    expect(badDate.status).toBe(400);
    expect(badDate.data.fieldErrors.surgeryDate).toBe("Enter the surgery date as a real date");
    expect(badDate.data.values.surgeryDate).toBe("2026-02-30");
    const noName = await edit(cast.patientA.id, { ...details, name: "  " }, cast.clinician.id);
    expect(noName.data.fieldErrors.name).toBe("Enter the patient's name");
    expect(await userRow(cast.patientA.id)).toEqual(before);
  });

  it("is 404 for another clinic's clinician and 403 for the patient, changing nothing", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const before = await userRow(cast.patientA.id);
    expect((await edit(cast.patientA.id, details, cast.other.clinician.id)).status).toBe(404);
    expect((await edit(cast.patientA.id, details, cast.patientA.id)).status).toBe(403);
    expect(await userRow(cast.patientA.id)).toEqual(before);
  });
});

describe("a program counting days since surgery", () => {
  it("warns before and when the plan starts while the patient has no surgery date, and not once it is added", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const program = ProgramSchema.parse({
      ...twoStageProgram,
      id: "after-surgery",
      name: "After surgery",
      stages: [
        {
          ...twoStageProgram.stages[0]!,
          gates: [...twoStageProgram.stages[0]!.gates, { id: "six-weeks", kind: "time", from: "surgery", days: 42 }],
        },
        twoStageProgram.stages[1]!,
      ],
    });
    const programId = await createClinicProgram(db, cast.clinician, program);
    // Before the plan starts, the start form knows the program counts from a date the patient lacks.
    const before = await loadPage(cast.patientA.id, cast.clinician.id);
    const choice = before.data.programs.find((p: { id: string }) => p.id === programId);
    expect(choice.countsFrom).toEqual(["surgery"]);
    expect(before.data.patient.surgery_date).toBeNull();
    const started = await run(
      patientPage.action,
      await postRequest(
        page(cast.patientA.id),
        {
          intent: "start-plan",
          programId,
          startDate: addDays(todayIn("Europe/London"), -3),
          approvalMode: "confirm",
          goalText: "Walk the dog",
        },
        { userId: cast.clinician.id },
      ),
      { patientId: cast.patientA.id },
    );
    expect(started.status).toBe(200);
    const warned = await loadPage(cast.patientA.id, cast.clinician.id);
    expect(warned.data.missingDates).toEqual([{ anchor: "surgery", what: "the surgery date", stages: ["Load"] }]);

    await edit(cast.patientA.id, { ...details, email: cast.patientA.email }, cast.clinician.id);
    const fixed = await loadPage(cast.patientA.id, cast.clinician.id);
    expect(fixed.data.missingDates).toEqual([]);
  });
});

describe("an invited patient who has not joined", () => {
  it("is counted on triage and listed under 'Invited, not joined yet'; their link can be copied again until used", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const created = await run(
      newPatient.action,
      await postRequest(
        "/clinic/patients/new",
        {
          name: "Ivy Invited",
          email: "ivy.invited@example.test",
          timeZone: "Europe/London",
          condition: "Patellar tendinopathy",
          involvedSide: "left",
        },
        { userId: cast.clinician.id },
      ),
    );
    const { patientId, inviteUrl } = created.data;
    const home = await run(triage.loader, await getRequest("/clinic", { userId: cast.clinician.id }));
    expect(home.data.invited).toBe(1);
    const list = await run(
      patients.loader,
      await getRequest("/clinic/patients?status=invited", { userId: cast.clinician.id }),
    );
    expect(list.data.patients.map((p: { name: string }) => p.name)).toEqual(["Ivy Invited"]);

    const shown = await loadPage(patientId, cast.clinician.id);
    expect(shown.data.inviteLink.url).toBe(inviteUrl);
    const otherClinic = await loadPage(patientId, cast.other.clinician.id);
    expect(otherClinic.status).toBe(404);

    const token = new URL(inviteUrl).pathname.split("/").pop()!;
    const joined = await run(
      invite.action,
      await postRequest(`/invite/${token}`, { password: "a-long-password", confirmPassword: "a-long-password" }),
      { token },
    );
    expect(joined.status).toBe(302);
    const after = await loadPage(patientId, cast.clinician.id);
    expect(after.data.inviteLink).toBeNull();
    expect(after.data.patient.hasJoined).toBe(true);
  });
});
