import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadBuiltInProgram } from "~/programs/index.ts";
import * as clinicThread from "~/routes/clinic.patients.$patientId_.messages.tsx";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";
import * as patientToday from "~/routes/me._index.tsx";
import * as patientLayout from "~/routes/me.tsx";
import * as patientThread from "~/routes/me.messages.tsx";
import { sendPatientMessage, unreadFromPatients } from "~/services/message.server.ts";
import { changePlanStatus } from "~/services/plan-change.server.ts";
import { loadTriage } from "~/services/triage.server.ts";
import { startPlan } from "~/services/plan.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { createClinicWithCast } from "../support/factories.ts";
import { getRequest, postRequest, run } from "../support/requests.ts";
import { appMailSink } from "../support/smtp-sink.ts";

// A plan's thread between the patient and their clinic, through the real routes, with notifications over real SMTP.

const sink = appMailSink();

async function castWithPlan(name = "Messages clinic") {
  const db = getDb();
  const cast = await createClinicWithCast(db, name);
  const program = loadBuiltInProgram("achilles-silbernagel-2007")!;
  const started = await startPlan(db, cast.clinician, {
    patientId: cast.patientA.id,
    program,
    startStageId: program.stages[0]!.id,
    startDate: "2026-11-01",
    approvalMode: "confirm",
    involvedSide: "right",
    goalText: "Run again",
  });
  if (!started.ok) throw new Error("plan did not start");
  return { ...cast, planId: started.planId };
}

const postAsPatient = async (patientId: string, body: string, messageId: string = randomUUID()) =>
  run(patientThread.action, await postRequest("/me/messages", { messageId, body }, { userId: patientId }));
const clinicPath = (patientId: string) => `/clinic/patients/${patientId}/messages`;
const postAsClinician = async (clinicianId: string, patientId: string, body: string) =>
  run(
    clinicThread.action,
    await postRequest(clinicPath(patientId), { messageId: randomUUID(), body }, { userId: clinicianId }),
    { patientId },
  );
const clinicView = async (clinicianId: string, patientId: string) =>
  run(clinicThread.loader, await getRequest(clinicPath(patientId), { userId: clinicianId }), { patientId });
const unreadBadge = async (patientId: string) =>
  (await run(patientLayout.loader, await getRequest("/me", { userId: patientId }))).data.unreadMessages;

describe("messages between a patient and their clinic", () => {
  it("a patient's question reaches the clinic unread, the physio's answer reaches the patient unread, and opening marks read", async () => {
    const cast = await castWithPlan();
    const sent = await postAsPatient(cast.patientA.id, "Is it normal that my heel aches after the hops?");
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe("/me/messages?sent=1");
    expect((await unreadFromPatients(getDb(), cast.clinic.id)).get(cast.patientA.id)).toBe(1);
    const triage = await loadTriage(getDb(), cast.clinic.id, "Europe/London");
    const row = triage.needsAttention.find((r) => r.patientId === cast.patientA.id);
    expect(row?.reasons.map((r) => r.label)).toContain("Sent you a message");
    const page = await run(
      patientPage.loader,
      await getRequest(`/clinic/patients/${cast.patientA.id}`, { userId: cast.clinician.id }),
      { patientId: cast.patientA.id },
    );
    expect(page.data.unreadMessages).toBe(1);

    const seen = await clinicView(cast.clinician.id, cast.patientA.id);
    expect(seen.data.thread.messages).toMatchObject([
      { fromPatient: true, authorName: "Patient A", body: "Is it normal that my heel aches after the hops?" },
    ]);
    expect((await unreadFromPatients(getDb(), cast.clinic.id)).get(cast.patientA.id)).toBeUndefined();

    expect((await postAsClinician(cast.clinician.id, cast.patientA.id, "Yes, if it settles by morning.")).status).toBe(
      302,
    );
    expect(await unreadBadge(cast.patientA.id)).toBe(1);
    const today = await run(patientToday.loader, await getRequest("/me", { userId: cast.patientA.id }));
    expect(today.data.unreadMessages).toBe(1);
    const thread = await run(patientThread.loader, await getRequest("/me/messages", { userId: cast.patientA.id }));
    expect(thread.data.messages.map((m: { body: string }) => m.body)).toEqual([
      "Is it normal that my heel aches after the hops?",
      "Yes, if it settles by morning.",
    ]);
    expect(await unreadBadge(cast.patientA.id)).toBe(0);
    const audit = await getDb()
      .selectFrom("audit_event")
      .select(["action", "actor_id", "detail"])
      .where("action", "=", "message.sent")
      .where("clinic_id", "=", cast.clinic.id)
      .execute();
    expect(audit.map((a) => a.actor_id).sort()).toEqual([cast.clinician.id, cast.patientA.id].sort());
    expect(audit.every((a) => !String(a.detail).includes("heel"))).toBe(true); // who and when, not the words
  });

  it("a form submitted twice (double tap, retry on a weak connection) adds one message", async () => {
    const cast = await castWithPlan();
    const messageId = randomUUID();
    const [a, b] = await Promise.all([
      postAsPatient(cast.patientA.id, "Sent once", messageId),
      postAsPatient(cast.patientA.id, "Sent once", messageId),
    ]);
    expect([a.status, b.status]).toEqual([302, 302]);
    const rows = await getDb().selectFrom("message").select("id").where("plan_id", "=", cast.planId).execute();
    expect(rows).toHaveLength(1);
  });

  it("an empty or overlong message is a field error, keeps what was typed and stores nothing", async () => {
    const cast = await castWithPlan();
    const empty = await postAsPatient(cast.patientA.id, "   ");
    expect(empty.status).toBe(400);
    expect(empty.data.fieldErrors.body).toBe("Enter your message");
    const long = "x".repeat(2001);
    const tooLong = await postAsPatient(cast.patientA.id, long);
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.fieldErrors.body).toMatch(/under 2000 characters/);
    expect(tooLong.data.values.body).toBe(long);
    const forged = await run(
      patientThread.action,
      await postRequest("/me/messages", { messageId: "1 OR 1=1", body: "hi" }, { userId: cast.patientA.id }),
    );
    expect(forged.status).toBe(400);
    expect(await getDb().selectFrom("message").select("id").where("plan_id", "=", cast.planId).execute()).toEqual([]);
  });

  it("only the patient's own clinic reads and answers: another clinic gets 404, a patient cannot use the clinic's page", async () => {
    const cast = await castWithPlan();
    const other = await createClinicWithCast(getDb(), "Another clinic");
    expect((await clinicView(other.clinician.id, cast.patientA.id)).status).toBe(404);
    expect((await postAsClinician(other.clinician.id, cast.patientA.id, "Hello from elsewhere")).status).toBe(404);
    expect((await clinicView(cast.patientA.id, cast.patientA.id)).status).toBe(403);
    expect((await postAsClinician(cast.patientB.id, cast.patientA.id, "Not my thread")).status).toBe(403);
    expect(await getDb().selectFrom("message").select("id").where("plan_id", "=", cast.planId).execute()).toEqual([]);
  });

  it("a patient without a plan is told when messages open, and a discharged plan's thread is closed", async () => {
    const cast = await castWithPlan();
    const noPlan = await postAsPatient(cast.patientB.id, "Hello?");
    expect(noPlan.status).toBe(409);
    expect(noPlan.data.formError).toMatch(/once your physio has started your plan/);
    expect(noPlan.data.values.body).toBe("Hello?");

    const db = getDb();
    await changePlanStatus(
      db,
      { ...cast.clinician, time_zone: "Europe/London" },
      cast.planId,
      "discharge",
      "Europe/London",
    );
    const closed = await postAsClinician(cast.clinician.id, cast.patientA.id, "One more thing");
    expect(closed.status).toBe(409);
    expect((await clinicView(cast.clinician.id, cast.patientA.id)).data.thread.canWrite).toBe(false);
  });

  it("the other side is emailed once an hour at most, over SMTP, without the message's words", async () => {
    const cast = await castWithPlan();
    const patient = await getDb()
      .selectFrom("app_user")
      .selectAll()
      .where("id", "=", cast.patientA.id)
      .executeTakeFirstOrThrow();
    const first = await sendPatientMessage(
      getDb(),
      { ...patient, role: "patient" },
      { messageId: randomUUID(), body: "My calf is swollen" },
      "https://clinic.example",
    );
    expect(first.ok && (await first.notice)).toBe("emailed");
    const second = await sendPatientMessage(
      getDb(),
      { ...patient, role: "patient" },
      { messageId: randomUUID(), body: "And it aches" },
      "https://clinic.example",
    );
    expect(second.ok && (await second.notice)).toBe("not-needed");

    // Earlier tests' notices may still arrive (they are not waited for): look at this clinician's mail only.
    const received = sink().received.filter((m) => m.envelopeTo.includes(cast.clinician.email));
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.envelopeTo).toEqual([cast.clinician.email]);
    expect(mail!.parsed.subject).toBe("You have a new message on Stagewise");
    expect(mail!.parsed.text).toContain(`https://clinic.example/clinic/patients/${cast.patientA.id}/messages`);
    expect(`${mail!.parsed.subject} ${mail!.parsed.text} ${mail!.parsed.html}`).not.toMatch(/calf|swollen|aches/);
  });
});
