import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~/db/client.server.ts";
import { addDays } from "~/engine/index.ts";
import { loadBuiltInProgram } from "~/programs/index.ts";
import * as account from "~/routes/me.account.tsx";
import * as today from "~/routes/me._index.tsx";
import * as questionnaireForm from "~/routes/me.questionnaires.$kind.tsx";
import * as questionnaires from "~/routes/me.questionnaires._index.tsx";
import * as triage from "~/routes/clinic._index/route.tsx";
import { changePlanStatus } from "~/services/plan-change.server.ts";
import { startPlan } from "~/services/plan.server.ts";
import { sweepReminders } from "~/services/reminder.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { createClinic, createClinician, createPatient } from "../support/factories.ts";
import { getRequest, postRequest, run } from "../support/requests.ts";
import { appMailSink, type ReceivedMail } from "../support/smtp-sink.ts";

// Scheduled questionnaires (ADR 059) through the app's own loaders, actions and reminder sweep, on the test database
// (SQLite, or PostgreSQL in the integration-pg project) and a real SMTP server on 127.0.0.1. The Silbernagel program
// asks for VISA-A every 42 days: a plan started 42 days ago has it due today, 45 days ago overdue.

const BASE_URL = "https://stagewise.example";
const DUE_SUBJECT = "A short questionnaire is waiting for you";
const EVERY_DAYS = 42;
const sink = appMailSink();
let clinic: { id: string; name: string };
let clinician: Awaited<ReturnType<typeof createClinician>>;
const program = loadBuiltInProgram("achilles-silbernagel-2007")!;
const todayUtc = todayIn("UTC");
const at = (time: string, date = todayUtc) => new Date(`${date}T${time}:00.000Z`);

beforeAll(async () => {
  clinic = await createClinic(getDb(), "Harbour Physio");
  clinician = await createClinician(getDb(), clinic.id);
});

async function patientStarted(daysAgo: number, name = "Quinn Questioned") {
  const db = getDb();
  const patient = await createPatient(db, clinic.id, clinician.id, { timeZone: "UTC", name });
  const result = await startPlan(db, clinician, {
    patientId: patient.id,
    program,
    startStageId: program.stages[0]!.id,
    startDate: addDays(todayUtc, -daysAgo),
    approvalMode: "confirm",
    involvedSide: "right",
    goalText: "Run again",
  });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return { ...patient, name, planId: result.planId };
}

const sweep = (now: Date, db = getDb()) => sweepReminders(db, { baseUrl: BASE_URL, now });
const questionnaireMailsTo = (address: string): ReceivedMail[] =>
  sink().received.filter((m) => m.envelopeTo.includes(address) && m.parsed.subject === DUE_SUBJECT);
const claimsOf = (patientId: string) =>
  getDb()
    .selectFrom("reminder_claim")
    .select(["local_date", "attempts", "sent_at"])
    .where("patient_id", "=", patientId)
    .where("kind", "=", "questionnaire-due")
    .execute();

async function fillInVisaA(patientId: string) {
  const form = {
    ...Object.fromEntries([6, 7, 8, 5, 6, 4, 7].map((v, i) => [`items.${i}`, String(v)])),
    item8Branch: "b",
    item8Minutes: "2",
  };
  const res = await run(
    questionnaireForm.action,
    await postRequest("/me/questionnaires/visa-a", form, { userId: patientId }),
    {
      kind: "visa-a",
    },
  );
  expect(res.status).toBe(302);
}

describe("a questionnaire that falls due", () => {
  it("shows on Today and first on the questionnaires page, and goes once it is filled in", async () => {
    const due = await patientStarted(EVERY_DAYS);
    const notYet = await patientStarted(EVERY_DAYS - 1);

    const page = await run(today.loader, await getRequest("/me", { userId: due.id }));
    expect(page.data.questionnairesDue).toEqual([
      { kind: "visa-a", name: "VISA-A", minutes: 3, dueOn: todayUtc, overdue: false },
    ]);
    const list = await run(questionnaires.loader, await getRequest("/me/questionnaires", { userId: due.id }));
    expect(list.data.due.map((q: { kind: string }) => q.kind)).toEqual(["visa-a"]);
    expect((await run(today.loader, await getRequest("/me", { userId: notYet.id }))).data.questionnairesDue).toEqual(
      [],
    );

    await fillInVisaA(due.id);
    expect((await run(today.loader, await getRequest("/me", { userId: due.id }))).data.questionnairesDue).toEqual([]);
  });

  it("is overdue three days later, and triage lists the patient as needing you for it", async () => {
    const overdue = await patientStarted(EVERY_DAYS + 3, "Olive Overdue");
    const dueToday = await patientStarted(EVERY_DAYS, "Dana Due");
    const page = await run(today.loader, await getRequest("/me", { userId: overdue.id }));
    expect(page.data.questionnairesDue).toMatchObject([{ kind: "visa-a", overdue: true }]);

    const home = await run(triage.loader, await getRequest("/clinic?scope=clinic", { userId: clinician.id }));
    type Row = { patientId: string; reasons: Array<{ code: string; label: string }> };
    const reasonsOf = (id: string) =>
      (home.data.needsAttention as Row[]).find((r) => r.patientId === id)?.reasons.map((r) => r.label) ?? [];
    expect(reasonsOf(overdue.id)).toContain("VISA-A overdue");
    expect(reasonsOf(dueToday.id)).not.toContain("VISA-A overdue");

    await fillInVisaA(overdue.id);
    const after = await run(triage.loader, await getRequest("/clinic?scope=clinic", { userId: clinician.id }));
    const rowAfter = (after.data.needsAttention as Row[]).find((r) => r.patientId === overdue.id);
    expect(rowAfter?.reasons.map((r) => r.code) ?? []).not.toContain("questionnaire_overdue");
  });

  it("is not due while the plan is paused", async () => {
    const paused = await patientStarted(EVERY_DAYS + 5);
    const pause = await changePlanStatus(getDb(), { ...clinician, time_zone: "UTC" }, paused.planId, "pause", "UTC");
    expect(pause.ok).toBe(true);
    const page = await run(today.loader, await getRequest("/me", { userId: paused.id }));
    expect(page.data.questionnairesDue).toEqual([]);
    await sweep(at("19:30"));
    expect(questionnaireMailsTo(paused.email)).toHaveLength(0);
  });
});

describe("the questionnaire reminder", () => {
  it("is emailed once on the day it falls due, at the reminder time, without naming the questionnaire", async () => {
    const patient = await patientStarted(EVERY_DAYS);
    await sweep(at("18:59"));
    expect(questionnaireMailsTo(patient.email)).toHaveLength(0);
    await sweep(at("19:00"));
    await sweep(at("19:01"));
    await sweep(at("20:45"));
    const mails = questionnaireMailsTo(patient.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    for (const part of [mail.parsed.subject, mail.parsed.text, String(mail.parsed.html)])
      expect(part).not.toMatch(/visa|achilles|tendon|tendinopathy|\bright\b|\bstage\b/i);
    expect(mail.parsed.text).toContain(`${BASE_URL}/me/questionnaires`);
    expect(mail.parsed.text).toContain("about 3 minutes");
    expect(mail.raw.toString()).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const list = mail.parsed.headers.get("list") as { unsubscribe?: { url?: string } } | undefined;
    expect(list?.unsubscribe?.url).toMatch(new RegExp(`^${BASE_URL}/unsubscribe/${patient.id}\\.`));
    expect(await claimsOf(patient.id)).toMatchObject([{ local_date: todayUtc, attempts: 1 }]);

    // The next day it is still due (not done), but it has had its reminder.
    await sweep(at("19:30", addDays(todayUtc, 1)));
    expect(questionnaireMailsTo(patient.email)).toHaveLength(1);
  });

  it("waits out the quiet hours (none at 21:30 or 07:59) and goes the next day at the patient's chosen time", async () => {
    const patient = await patientStarted(EVERY_DAYS, "Nell Night");
    await sweep(at("21:30"));
    await sweep(at("07:59", addDays(todayUtc, 1)));
    expect(questionnaireMailsTo(patient.email)).toHaveLength(0);
    const later = await run(
      account.action,
      await postRequest("/me/account", { intent: "reminders", remindAt: "08:00" }, { userId: patient.id }),
    );
    expect(later.status).toBe(302);
    await sweep(at("08:00", addDays(todayUtc, 1)));
    expect(questionnaireMailsTo(patient.email)).toHaveLength(1);
    expect(await claimsOf(patient.id)).toMatchObject([{ local_date: todayUtc }]);
  });

  it("two app instances sweeping the same minutes send it exactly once", async () => {
    const patients = [];
    for (let i = 0; i < 4; i++) patients.push(await patientStarted(EVERY_DAYS, `Twin Questioned ${i}`));
    const instanceA = createDb(process.env.DATABASE_URL!);
    const instanceB = createDb(process.env.DATABASE_URL!);
    try {
      for (const time of ["19:00", "19:00", "19:01"])
        await Promise.all([instanceA, instanceB].map((db) => sweep(at(time), db)));
    } finally {
      await Promise.all([instanceA.destroy(), instanceB.destroy()]);
    }
    for (const patient of patients) {
      expect(questionnaireMailsTo(patient.email), patient.name).toHaveLength(1);
      expect(await claimsOf(patient.id)).toMatchObject([{ local_date: todayUtc, attempts: 1 }]);
    }
  });

  it("is sent the day after when its day was missed, never for an older one, and never after opting out", async () => {
    const missedYesterday = await patientStarted(EVERY_DAYS + 1);
    const older = await patientStarted(EVERY_DAYS + 2);
    const optedOut = await patientStarted(EVERY_DAYS);
    const off = await run(
      account.action,
      await postRequest("/me/account", { intent: "reminders", remindAt: "off" }, { userId: optedOut.id }),
    );
    expect(off.status).toBe(302);
    await sweep(at("19:30"));
    expect(questionnaireMailsTo(missedYesterday.email)).toHaveLength(1);
    expect(await claimsOf(missedYesterday.id)).toMatchObject([{ local_date: addDays(todayUtc, -1) }]);
    expect(questionnaireMailsTo(older.email)).toHaveLength(0);
    expect(questionnaireMailsTo(optedOut.email)).toHaveLength(0);
  });
});
