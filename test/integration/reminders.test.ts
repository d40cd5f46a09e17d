import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createDb } from "~/db/client.server.ts";
import { addDays } from "~/engine/index.ts";
import { loadBuiltInProgram } from "~/programs/index.ts";
import * as account from "~/routes/me.account.tsx";
import * as unsubscribe from "~/routes/unsubscribe.$token.tsx";
import { saveCheckIn } from "~/services/daily-log.server.ts";
import { changePlanStatus } from "~/services/plan-change.server.ts";
import { startPlan } from "~/services/plan.server.ts";
import { localTimeIn, REMINDER, sweepReminders } from "~/services/reminder.server.ts";
import { startReminderSweep } from "~/services/reminder-sweep.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { createClinic, createClinician, createPatient } from "../support/factories.ts";
import { getRequest, postRequest, run } from "../support/requests.ts";
import { appMailSink, type ReceivedMail } from "../support/smtp-sink.ts";

// The reminder sweep, run as the app runs it (sweepReminders on the app's database) with the clock given, against a
// real SMTP server on 127.0.0.1. Every test has its own patients; the sweep sees all of this file's patients, so
// assertions look at each test's own recipients.

const BASE_URL = "https://stagewise.example";
const sink = appMailSink();
let clinic: { id: string; name: string };
let clinician: Awaited<ReturnType<typeof createClinician>>;
const program = loadBuiltInProgram("achilles-silbernagel-2007")!;
const today = todayIn("UTC");

/** An instant of today (UTC) at a wall-clock time; patients below live in UTC unless a test says otherwise. */
const at = (time: string, date = today) => new Date(`${date}T${time}:00.000Z`);

beforeAll(async () => {
  clinic = await createClinic(getDb(), "Harbour Physio");
  clinician = await createClinician(getDb(), clinic.id);
});

beforeEach(() => {
  sink().refuseWith(null);
});

async function patientWithPlan(options: { timeZone?: string; name?: string } = {}) {
  const db = getDb();
  const patient = await createPatient(db, clinic.id, clinician.id, {
    timeZone: options.timeZone ?? "UTC",
    name: options.name ?? "Robin Reminded",
  });
  const result = await startPlan(db, clinician, {
    patientId: patient.id,
    program,
    startStageId: program.stages[0]!.id,
    startDate: addDays(today, -7),
    approvalMode: "confirm",
    involvedSide: "right",
    goalText: "Run again",
  });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return { ...patient, name: options.name ?? "Robin Reminded", planId: result.planId };
}

const sweep = (now: Date) => sweepReminders(getDb(), { baseUrl: BASE_URL, now });

function mailsTo(address: string): ReceivedMail[] {
  return sink().received.filter((m) => m.envelopeTo.includes(address));
}

/** The List-Unsubscribe URL as a mail client reads it (mailparser unfolds the long header). */
function unsubscribeUrlOf(mail: ReceivedMail): string {
  const list = mail.parsed.headers.get("list") as { unsubscribe?: { url?: string } } | undefined;
  expect(list?.unsubscribe?.url, "a List-Unsubscribe header").toBeTruthy();
  return list!.unsubscribe!.url!;
}

async function chooseReminder(patientId: string, remindAt: string) {
  return run(
    account.action,
    await postRequest("/me/account", { intent: "reminders", remindAt }, { userId: patientId }),
  );
}

describe("the daily-log reminder", () => {
  it("is sent once, after the chosen time (19:00 by default), with a one-click unsubscribe and no health details", async () => {
    const patient = await patientWithPlan();
    await sweep(at("18:59"));
    expect(mailsTo(patient.email)).toHaveLength(0);

    await sweep(at("19:00"));
    await sweep(at("19:01"));
    await sweep(at("20:30"));
    const mails = mailsTo(patient.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.parsed.subject).toBe("A reminder to log your day");
    expect(mail.parsed.from?.value[0]?.name).toBe("Harbour Physio via Stagewise");
    for (const part of [mail.parsed.subject, mail.parsed.text, String(mail.parsed.html)]) {
      expect(part).not.toMatch(/achilles|tendinopathy|\bright\b|\bstage\b/i);
    }
    expect(mail.parsed.text).toContain(`${BASE_URL}/me/log`);
    expect(mail.parsed.text).toContain(`${BASE_URL}/me/account#reminders`);
    const raw = mail.raw.toString();
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const unsubscribeUrl = unsubscribeUrlOf(mail);
    expect(unsubscribeUrl).toMatch(new RegExp(`^${BASE_URL}/unsubscribe/${patient.id}\\.[A-Za-z0-9_-]+$`));
    expect(mail.parsed.text).toContain(unsubscribeUrl);

    const claims = await getDb()
      .selectFrom("reminder_claim")
      .selectAll()
      .where("patient_id", "=", patient.id)
      .execute();
    expect(claims).toMatchObject([{ kind: "daily-log", local_date: today, attempts: 1, delivery: "smtp" }]);
    expect(claims[0]!.sent_at).toBeTruthy();
    const audit = await getDb()
      .selectFrom("audit_event")
      .select(["action", "detail"])
      .where("entity_id", "=", patient.id)
      .where("action", "like", "patient.reminder%")
      .execute();
    expect(audit).toEqual([
      {
        action: "patient.reminder_emailed",
        detail: JSON.stringify({ kind: "daily-log", localDate: today, delivery: "smtp" }),
      },
    ]);
  });

  it("follows the time chosen on the account page, in the patient's time zone and local day", async () => {
    const patient = await patientWithPlan({ timeZone: "America/New_York" });
    const chosen = await chooseReminder(patient.id, "08:30");
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get("Location")).toBe("/me/account?reminders=saved#reminders");
    const page = await run(account.loader, await getRequest("/me/account", { userId: patient.id }));
    expect(page.data.reminders).toEqual({ enabled: true, remindAt: "08:30" });

    // New York is 5 hours behind UTC in winter and 4 in summer; find today's 08:29 and 08:30 there.
    const offsetHours = Number(
      new Intl.DateTimeFormat("en-GB", { timeZone: "America/New_York", hour: "2-digit", hourCycle: "h23" }).format(
        at("12:00"),
      ),
    );
    const utcHour = String(12 - offsetHours + 8).padStart(2, "0");
    await sweep(at(`${utcHour}:29`));
    expect(mailsTo(patient.email)).toHaveLength(0);
    await sweep(at(`${utcHour}:30`));
    expect(mailsTo(patient.email)).toHaveLength(1);
    const claim = await getDb()
      .selectFrom("reminder_claim")
      .select("local_date")
      .where("patient_id", "=", patient.id)
      .executeTakeFirstOrThrow();
    expect(claim.local_date).toBe(todayIn("America/New_York", at(`${utcHour}:30`)));
  });

  it("refuses a time in the quiet hours with a field error, and writes nothing", async () => {
    const patient = await patientWithPlan();
    const res = await chooseReminder(patient.id, "22:00");
    expect(res.status).toBe(400);
    expect(res.data.intent).toBe("reminders");
    expect(res.data.fieldErrors.remindAt).toMatch(/between 08:00 and 20:30/);
    expect(res.data.values.remindAt).toBe("22:00");
    const rows = await getDb().selectFrom("reminder_setting").selectAll().where("user_id", "=", patient.id).execute();
    expect(rows).toEqual([]);
  });

  it(`is not sent in the quiet hours (${REMINDER.quietFrom}–${REMINDER.quietUntil} local), even when the sweep was down at the chosen time`, async () => {
    const patient = await patientWithPlan();
    await sweep(at("21:00"));
    await sweep(at("23:30"));
    await sweep(at("07:59", addDays(today, 1)));
    expect(mailsTo(patient.email)).toHaveLength(0);
    // A sweep back before the quiet hours sends the day's reminder late rather than never.
    await sweep(at("20:59"));
    expect(mailsTo(patient.email)).toHaveLength(1);
  });

  it("is not sent to a patient who has logged today", async () => {
    const patient = await patientWithPlan();
    const saved = await saveCheckIn(
      getDb(),
      { id: patient.id, clinic_id: clinic.id, role: "patient", time_zone: "UTC" },
      { date: today, morningPain: 1, morningStiffness: 1 },
    );
    expect(saved.ok).toBe(true);
    await sweep(at("19:30"));
    expect(mailsTo(patient.email)).toHaveLength(0);
  });

  it("is not sent to a patient who turned reminders off on their account page", async () => {
    const patient = await patientWithPlan();
    expect((await chooseReminder(patient.id, "off")).status).toBe(302);
    const page = await run(account.loader, await getRequest("/me/account", { userId: patient.id }));
    expect(page.data.reminders).toEqual({ enabled: false, remindAt: "19:00" });
    await sweep(at("19:30"));
    expect(mailsTo(patient.email)).toHaveLength(0);
  });

  it("is not sent while the plan is paused or after discharge, and resumes with the plan", async () => {
    const paused = await patientWithPlan();
    const discharged = await patientWithPlan();
    const pause = await changePlanStatus(getDb(), { ...clinician, time_zone: "UTC" }, paused.planId, "pause", "UTC");
    const discharge = await changePlanStatus(
      getDb(),
      { ...clinician, time_zone: "UTC" },
      discharged.planId,
      "discharge",
      "UTC",
    );
    expect([pause.ok, discharge.ok]).toEqual([true, true]);
    await sweep(at("19:30"));
    expect(mailsTo(paused.email)).toHaveLength(0);
    expect(mailsTo(discharged.email)).toHaveLength(0);
    expect(
      (await changePlanStatus(getDb(), { ...clinician, time_zone: "UTC" }, paused.planId, "resume", "UTC")).ok,
    ).toBe(true);
    await sweep(at("19:31"));
    expect(mailsTo(paused.email)).toHaveLength(1);
  });
});

describe("the unsubscribe link", () => {
  it("turns reminders off with the mail client's one-click POST, without signing in", async () => {
    const patient = await patientWithPlan();
    await sweep(at("19:00"));
    const url = new URL(unsubscribeUrlOf(mailsTo(patient.email)[0]!));
    const token = url.pathname.split("/").pop()!;

    const page = await run(unsubscribe.loader, await getRequest(url.pathname), { token });
    expect(page.data).toEqual({ valid: true });
    const request = new Request(`http://localhost${url.pathname}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    const res = await run(unsubscribe.action, request, { token });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ unsubscribed: true });

    const settings = await run(account.loader, await getRequest("/me/account", { userId: patient.id }));
    expect(settings.data.reminders).toEqual({ enabled: false, remindAt: "19:00" });
    await sweep(at("19:00", addDays(today, 1)));
    expect(mailsTo(patient.email)).toHaveLength(1);
    const audit = await getDb()
      .selectFrom("audit_event")
      .select("action")
      .where("entity_id", "=", patient.id)
      .where("action", "=", "patient.reminders_unsubscribed")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("refuses a forged or altered link and changes nothing", async () => {
    const patient = await patientWithPlan();
    for (const token of [`${patient.id}.forged`, `${patient.id}`, "nonsense", `${clinician.id}.AAAA`]) {
      const page = await run(unsubscribe.loader, await getRequest(`/unsubscribe/${token}`), { token });
      expect(page.data).toEqual({ valid: false });
      const res = await run(unsubscribe.action, await postRequest(`/unsubscribe/${token}`, {}), { token });
      expect(res.status).toBe(404);
    }
    const rows = await getDb().selectFrom("reminder_setting").selectAll().where("user_id", "=", patient.id).execute();
    expect(rows).toEqual([]);
  });
});

describe("claims: none twice, none missed", () => {
  it(`retries a reminder whose send failed once the ${REMINDER.leaseMinutes}-minute lease has run out`, async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const patient = await patientWithPlan();
      sink().refuseWith({ code: 451, message: "Try again later" });
      const first = await sweep(at("19:00"));
      expect(first.failed).toBeGreaterThanOrEqual(1);
      sink().refuseWith(null);
      await sweep(at("19:04")); // the failed claim's lease still runs
      expect(mailsTo(patient.email)).toHaveLength(0);
      await sweep(at("19:06"));
      expect(mailsTo(patient.email)).toHaveLength(1);
      const claim = await getDb()
        .selectFrom("reminder_claim")
        .select(["attempts", "sent_at"])
        .where("patient_id", "=", patient.id)
        .executeTakeFirstOrThrow();
      expect(claim.attempts).toBe(2);
      expect(claim.sent_at).toBeTruthy();
    } finally {
      errors.mockRestore();
    }
  });

  it("gives up after three failed attempts in a day", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const patient = await patientWithPlan();
      sink().refuseWith({ code: 550, message: "Mailbox unavailable" });
      for (const time of ["19:00", "19:06", "19:12", "19:18", "19:24"]) await sweep(at(time));
      const claim = await getDb()
        .selectFrom("reminder_claim")
        .select(["attempts", "sent_at"])
        .where("patient_id", "=", patient.id)
        .executeTakeFirstOrThrow();
      expect(claim).toEqual({ attempts: REMINDER.maxAttempts, sent_at: null });
      const failures = await getDb()
        .selectFrom("audit_event")
        .select("action")
        .where("entity_id", "=", patient.id)
        .where("action", "=", "patient.reminder_email_failed")
        .execute();
      expect(failures).toHaveLength(REMINDER.maxAttempts);
    } finally {
      errors.mockRestore();
    }
  });

  it("two app instances sweeping the same minutes send each reminder exactly once", async () => {
    const patients = [];
    for (let i = 0; i < 6; i++) patients.push(await patientWithPlan({ name: `Twin Sweep ${i}` }));
    // Two instances: two separate connection pools on the one database, as two app processes would have.
    const instanceA = createDb(process.env.DATABASE_URL!);
    const instanceB = createDb(process.env.DATABASE_URL!);
    try {
      for (const time of ["19:00", "19:00", "19:01", "19:02"]) {
        await Promise.all([instanceA, instanceB].map((db) => sweepReminders(db, { baseUrl: BASE_URL, now: at(time) })));
      }
    } finally {
      await Promise.all([instanceA.destroy(), instanceB.destroy()]);
    }
    for (const patient of patients) expect(mailsTo(patient.email), patient.name).toHaveLength(1);
    const claims = await getDb()
      .selectFrom("reminder_claim")
      .select(["patient_id", "attempts"])
      .where(
        "patient_id",
        "in",
        patients.map((p) => p.id),
      )
      .execute();
    expect(claims).toHaveLength(6);
    expect(claims.every((c) => c.attempts === 1)).toBe(true);
  });

  it("after a restart, a claim whose instance died before sending is sent once its lease has run out", async () => {
    const patient = await patientWithPlan();
    // An instance claimed the reminder at 19:00 and died before sending: the claim is there, unsent.
    const crashed = createDb(process.env.DATABASE_URL!);
    try {
      const { insertReminderClaim } = await import("~/models/reminder-claim.server.ts");
      const claimed = await insertReminderClaim(
        crashed,
        { patientId: patient.id, kind: "daily-log", localDate: today },
        at("19:00").toISOString(),
      );
      expect(claimed).toBe(true);
    } finally {
      await crashed.destroy();
    }
    await sweep(at("19:02"));
    expect(mailsTo(patient.email)).toHaveLength(0);
    await sweep(at("19:06"));
    expect(mailsTo(patient.email)).toHaveLength(1);
    await sweep(at("19:20"));
    expect(mailsTo(patient.email)).toHaveLength(1);
  });
});

describe("the sweep as the app runs it", () => {
  it("sweeps at start and then on its interval, sends a due reminder once, and stops", async () => {
    // The real clock: pick a time zone where it is now well inside the sending hours.
    const zones = [
      "Pacific/Kiritimati",
      "Pacific/Auckland",
      "Asia/Tokyo",
      "Asia/Kolkata",
      "Europe/London",
      "America/Sao_Paulo",
      "America/New_York",
      "America/Los_Angeles",
      "Pacific/Honolulu",
    ];
    const zone = zones.find((z) => {
      const time = localTimeIn(z, new Date());
      return time >= "08:30" && time < "20:00";
    })!;
    const patient = await patientWithPlan({ timeZone: zone });
    expect((await chooseReminder(patient.id, "08:00")).status).toBe(302);

    const running = startReminderSweep({ baseUrl: BASE_URL, intervalMs: 50 });
    try {
      await vi.waitFor(() => expect(mailsTo(patient.email)).toHaveLength(1), { timeout: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 300)); // several more passes
    } finally {
      await running.stop();
    }
    expect(mailsTo(patient.email)).toHaveLength(1);
  });
});
