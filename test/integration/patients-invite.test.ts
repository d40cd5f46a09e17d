import { describe, expect, it } from "vitest";
import * as invite from "~/routes/invite.$token.tsx";
import * as newPatient from "~/routes/clinic.patients.new.tsx";
import * as login from "~/routes/login.tsx";
import { getDb } from "~/utils/db.server.ts";
import { countRows, createClinic, createClinician, createPatient } from "../support/factories.ts";
import { getRequest, postRequest, run } from "../support/requests.ts";

const validPatient = {
  name: "Robin Example",
  email: "robin@example.test",
  timeZone: "Europe/Oslo",
  condition: "Left ACL reconstruction",
  involvedSide: "left",
  surgeryDate: "2026-06-01",
};

describe("a clinician adds a patient and the patient sets a password from the invite link", () => {
  it("creates the account in the clinician's clinic, and the one-time link works exactly once", async () => {
    const db = getDb();
    const clinic = await createClinic(db);
    const clinician = await createClinician(db, clinic.id);
    const created = await run(
      newPatient.action,
      await postRequest("/clinic/patients/new", validPatient, { userId: clinician.id }),
    );
    expect(created.status).toBe(200);
    expect(created.data.ok).toBe(true);
    const token = new URL(created.data.inviteUrl).pathname.split("/").pop()!;

    const row = await db
      .selectFrom("app_user")
      .selectAll()
      .where("email", "=", validPatient.email)
      .executeTakeFirstOrThrow();
    expect(row.clinic_id).toBe(clinic.id);
    expect(row.password_hash).toBeNull();

    const page = await run(invite.loader, await getRequest(`/invite/${token}`), { token });
    expect(page.data.invite.email).toBe(validPatient.email);

    const mismatch = await run(
      invite.action,
      await postRequest(`/invite/${token}`, { password: "a-long-password", confirmPassword: "different" }),
      { token },
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.data.fieldErrors.confirmPassword).toBeTruthy();

    const accepted = await run(
      invite.action,
      await postRequest(`/invite/${token}`, { password: "a-long-password", confirmPassword: "a-long-password" }),
      { token },
    );
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/me");

    const again = await run(
      invite.action,
      await postRequest(`/invite/${token}`, { password: "another-password", confirmPassword: "another-password" }),
      { token },
    );
    expect(again.status).toBe(410);

    const signIn = await run(
      login.action,
      await postRequest("/login", { email: validPatient.email, password: "a-long-password" }),
    );
    expect(signIn.headers.get("Location")).toBe("/me");
  });

  it("invalid input answers field errors and writes nothing", async () => {
    const db = getDb();
    const clinic = await createClinic(db);
    const clinician = await createClinician(db, clinic.id);
    const before = await countRows(db, "app_user");
    const res = await run(
      newPatient.action,
      await postRequest(
        "/clinic/patients/new",
        { ...validPatient, email: "not-an-email", timeZone: "Mars/Olympus", involvedSide: "" },
        { userId: clinician.id },
      ),
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.fieldErrors).sort()).toEqual(["email", "involvedSide", "timeZone"]);
    expect(res.data.values.name).toBe(validPatient.name);
    expect(await countRows(db, "app_user")).toBe(before);
  });

  it("an email already in use is a field error, not a crash", async () => {
    const db = getDb();
    const clinic = await createClinic(db);
    const clinician = await createClinician(db, clinic.id);
    const res = await run(
      newPatient.action,
      await postRequest("/clinic/patients/new", { ...validPatient, email: clinician.email }, { userId: clinician.id }),
    );
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors.email).toMatch(/cannot be used/);
  });

  it("an email used in another clinic gets the same answer as one in this clinic, naming nothing of the other", async () => {
    const db = getDb();
    const clinic = await createClinic(db, "Northside Physio");
    const clinician = await createClinician(db, clinic.id);
    const ours = await createPatient(db, clinic.id, clinician.id);
    const otherClinic = await createClinic(db, "Southbank Sports Clinic");
    const otherClinician = await createClinician(db, otherClinic.id, { name: "Dr Southbank Other" });
    const theirs = await createPatient(db, otherClinic.id, otherClinician.id);
    const before = await countRows(db, "app_user");
    const attempt = async (email: string) =>
      run(
        newPatient.action,
        await postRequest("/clinic/patients/new", { ...validPatient, email }, { userId: clinician.id }),
      );
    const inOurs = await attempt(ours.email);
    const inTheirs = await attempt(theirs.email.toUpperCase());
    expect(inTheirs.status).toBe(inOurs.status);
    // Identical but for the email echoed back as typed.
    expect(JSON.stringify(inTheirs.data).replaceAll(theirs.email.toUpperCase(), "EMAIL")).toBe(
      JSON.stringify(inOurs.data).replaceAll(ours.email, "EMAIL"),
    );
    const text = JSON.stringify(inTheirs.data);
    for (const secret of [otherClinic.name, otherClinic.id, "Dr Southbank Other", otherClinician.email, theirs.id]) {
      expect(text).not.toContain(secret);
    }
    expect(await countRows(db, "app_user")).toBe(before);
  });

  it("a patient cannot add patients", async () => {
    const db = getDb();
    const clinic = await createClinic(db);
    const clinician = await createClinician(db, clinic.id);
    const patient = await createPatient(db, clinic.id, clinician.id);
    const before = await countRows(db, "app_user");
    const res = await run(
      newPatient.action,
      await postRequest("/clinic/patients/new", { ...validPatient, email: "x@example.test" }, { userId: patient.id }),
    );
    expect(res.status).toBe(403);
    expect(await countRows(db, "app_user")).toBe(before);
  });

  it("a made-up invite token shows the 'link no longer works' page", async () => {
    const page = await run(invite.loader, await getRequest("/invite/made-up"), { token: "made-up" });
    expect(page.data.invite).toBeNull();
  });
});
