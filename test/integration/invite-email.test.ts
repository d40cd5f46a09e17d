import { readdir, readFile, stat } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";
import * as newPatient from "~/routes/clinic.patients.new.tsx";
import * as invite from "~/routes/invite.$token.tsx";
import * as login from "~/routes/login.tsx";
import { getDb } from "~/utils/db.server.ts";
import { closeMailTransport, sendEmail } from "~/utils/email.server.ts";
import { resetEnvCache } from "~/utils/env.server.ts";
import { createClinic, createClinician } from "../support/factories.ts";
import { getRequest, postRequest, run } from "../support/requests.ts";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../support/smtp-sink.ts";

// Invites go out through a real SMTP conversation with a server on 127.0.0.1 and are read back with mailparser.

const MAIL_FROM = "invites@stagewise.example";
const CONDITION = "Left ACL reconstruction";
let sink: SmtpSink;
let counter = 0;

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvCache();
}

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.MAIL_FROM = MAIL_FROM;
});

afterAll(async () => {
  closeMailTransport();
  await sink.close();
  delete process.env.MAIL_FROM;
  useSmtp(undefined);
});

beforeEach(() => {
  sink.refuseWith(null);
  sink.duringReceive(null);
  useSmtp(sink.url);
});

async function clinicianOf(clinicName = "Northside Physio") {
  const db = getDb();
  const clinic = await createClinic(db, clinicName);
  return { clinic, clinician: await createClinician(db, clinic.id, { name: "Dr Ada Lind" }) };
}

function patientForm() {
  counter += 1;
  return {
    name: `Robin Example ${counter}`,
    email: `robin-${process.pid}-${counter}@example.test`,
    timeZone: "Europe/Oslo",
    condition: CONDITION,
    involvedSide: "left",
    surgeryDate: "2026-06-01",
  };
}

async function addPatient(clinicianId: string, form = patientForm()) {
  const res = await run(newPatient.action, await postRequest("/clinic/patients/new", form, { userId: clinicianId }));
  return { res, form };
}

function linkIn(mail: ReceivedMail): string {
  const match = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(mail.parsed.text ?? "");
  expect(match, "the text part carries the invite link").not.toBeNull();
  return match![0];
}

const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;

async function setPasswordThrough(url: string, password: string) {
  const token = tokenOf(url);
  return run(invite.action, await postRequest(`/invite/${token}`, { password, confirmPassword: password }), {
    token,
  });
}

async function auditOf(patientId: string) {
  return getDb()
    .selectFrom("audit_event")
    .select(["action", "actor_id", "entity_id", "detail", "at"])
    .where("entity_id", "=", patientId)
    .orderBy("at")
    .execute();
}

describe("adding a patient emails the invite", () => {
  it("sends a plain-text and HTML invite, without health details, whose link sets the password", async () => {
    const { clinician } = await clinicianOf();
    const form = patientForm();
    // While the SMTP server holds the message, the patient and the invite must already be committed.
    const seenDuringSend: Array<{ user: boolean; invites: number }> = [];
    sink.duringReceive(async () => {
      const db = getDb();
      const user = await db.selectFrom("app_user").select("id").where("email", "=", form.email).executeTakeFirst();
      const invites = user ? await db.selectFrom("invite").select("id").where("user_id", "=", user.id).execute() : [];
      seenDuringSend.push({ user: Boolean(user), invites: invites.length });
    });
    const before = sink.received.length;
    const { res } = await addPatient(clinician.id, form);
    expect(res.status).toBe(200);
    expect(res.data.ok).toBe(true);
    expect(res.data.emailNotice).toEqual({ tone: "success", text: `Invite emailed to ${form.email}.` });
    expect(seenDuringSend).toEqual([{ user: true, invites: 1 }]);

    const mail = await sink.nextMessage(before);
    expect(mail.envelopeTo).toEqual([form.email]);
    expect(mail.parsed.subject).toBe("Your Stagewise invitation from Northside Physio");
    expect(mail.parsed.from?.value).toEqual([{ name: "Northside Physio via Stagewise", address: MAIL_FROM }]);
    for (const part of [mail.parsed.subject, mail.parsed.text, mail.parsed.html || ""]) {
      // The link's random token is left out: "…LJaclGh…" once matched /acl/i (a flaky failure, not a leak).
      expect((part ?? "").replace(/https?:\/\/[^\s"<]+/g, "")).not.toMatch(/ACL|reconstruction|left|surgery/i);
    }
    expect(mail.parsed.text).toContain(`Hello ${form.name},`);
    const html = String(mail.parsed.html);
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<h1[^>]*>Northside Physio invited you to Stagewise<\/h1>/);
    expect(html).toContain(`href="${res.data.inviteUrl}"`);
    expect(html).toMatch(/>Set your Stagewise password<\/a>/);
    expect(mail.raw.toString()).not.toMatch(/List-Unsubscribe/i);

    // The emailed link is the one the page shows, and it works through the invite route.
    const link = linkIn(mail);
    expect(link).toBe(res.data.inviteUrl);
    const page = await run(invite.loader, await getRequest(new URL(link).pathname), { token: tokenOf(link) });
    expect(page.data.invite.email).toBe(form.email);
    const accepted = await setPasswordThrough(link, "a-long-password");
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/me");
    const signIn = await run(
      login.action,
      await postRequest("/login", { email: form.email, password: "a-long-password" }),
    );
    expect(signIn.headers.get("Location")).toBe("/me");

    // Audited: who sent it, to which patient, when, and how; never the message or the link.
    const audit = await auditOf(res.data.patientId);
    const emailed = audit.find((a) => a.action === "patient.invite_emailed");
    expect(emailed).toMatchObject({ actor_id: clinician.id, entity_id: res.data.patientId });
    expect(emailed?.at).toBeTruthy();
    expect(JSON.parse(emailed!.detail!)).toEqual({ delivery: "smtp" });
    expect(JSON.stringify(audit)).not.toContain(tokenOf(link));
  });

  it("keeps header-breaking clinic names on one line of the From header", async () => {
    const { clinician } = await clinicianOf("Evil\r\nBcc: attacker@example.test");
    const before = sink.received.length;
    const { res, form } = await addPatient(clinician.id);
    expect(res.data.emailNotice.tone).toBe("success");
    const mail = await sink.nextMessage(before);
    expect(mail.envelopeTo).toEqual([form.email]);
    expect(mail.parsed.bcc).toBeUndefined();
    const headerBlock = mail.raw.toString().split("\r\n\r\n")[0]!;
    expect(headerBlock).not.toMatch(/^Bcc:/im);
    expect(mail.parsed.from?.value).toEqual([
      { name: "Evil Bcc: attacker@example.test via Stagewise", address: MAIL_FROM },
    ]);
  });
});

describe("resending the invite from the patient's page", () => {
  it("emails a new link, shows it too, and the old link stops working", async () => {
    const { clinician } = await clinicianOf();
    const first = await addPatient(clinician.id);
    const firstMail = await sink.nextMessage(sink.received.length - 1);
    const oldLink = linkIn(firstMail);
    const patientId: string = first.res.data.patientId;

    const before = sink.received.length;
    const resent = await run(
      patientPage.action,
      await postRequest(`/clinic/patients/${patientId}`, { intent: "reissue-invite" }, { userId: clinician.id }),
      { patientId },
    );
    expect(resent.status).toBe(200);
    expect(resent.data.ok).toBe(true);
    expect(resent.data.emailNotice).toEqual({ tone: "success", text: `Invite emailed to ${first.form.email}.` });
    const mail = await sink.nextMessage(before);
    expect(mail.envelopeTo).toEqual([first.form.email]);
    expect(mail.parsed.subject).toBe("Your Stagewise invitation from Northside Physio");
    const newLink = linkIn(mail);
    expect(newLink).toBe(resent.data.inviteUrl);
    expect(newLink).not.toBe(oldLink);

    const oldPage = await run(invite.loader, await getRequest(new URL(oldLink).pathname), { token: tokenOf(oldLink) });
    expect(oldPage.data.invite).toBeNull();
    expect((await setPasswordThrough(oldLink, "a-long-password")).status).toBe(410);
    expect((await setPasswordThrough(newLink, "a-long-password")).status).toBe(302);

    const actions = (await auditOf(patientId)).map((a) => a.action);
    expect(actions.filter((a) => a === "patient.invite_emailed")).toHaveLength(2);
    expect(actions).toContain("patient.invite_reissued");
  });
});

describe("when the mail cannot be sent", () => {
  it("a refusing SMTP server gives a clear notice, the link to copy, and no 500", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const { clinician } = await clinicianOf();
      sink.refuseWith({ code: 554, message: "Transaction failed" });
      const before = sink.received.length;
      const { res, form } = await addPatient(clinician.id);
      expect(res.status).toBe(200);
      expect(res.data.ok).toBe(true);
      expect(res.data.emailNotice.tone).toBe("warning");
      expect(res.data.emailNotice.text).toMatch(/could not be sent.*Copy the link below/);
      expect(sink.received.length).toBe(before);
      // The patient exists and the shown link works.
      const url: string = res.data.inviteUrl;
      const page = await run(invite.loader, await getRequest(new URL(url).pathname), { token: tokenOf(url) });
      expect(page.data.invite.email).toBe(form.email);

      const patientId: string = res.data.patientId;
      const resent = await run(
        patientPage.action,
        await postRequest(`/clinic/patients/${patientId}`, { intent: "reissue-invite" }, { userId: clinician.id }),
        { patientId },
      );
      expect(resent.status).toBe(200);
      expect(resent.data.inviteUrl).toMatch(/\/invite\//);
      expect(resent.data.emailNotice.tone).toBe("warning");

      const audit = await auditOf(patientId);
      expect(audit.filter((a) => a.action === "patient.invite_email_failed")).toHaveLength(2);
      expect(audit.some((a) => a.action === "patient.invite_emailed")).toBe(false);
      // The log says what failed, without the address.
      expect(errors).toHaveBeenCalled();
      expect(JSON.stringify(errors.mock.calls)).toMatch(/554/);
      expect(JSON.stringify(errors.mock.calls)).not.toContain(form.email);
    } finally {
      errors.mockRestore();
    }
  });

  it("an unreachable SMTP server gives the same notice, and no 500", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const closedPort = await freePort();
      useSmtp(`smtp://127.0.0.1:${closedPort}`);
      const { clinician } = await clinicianOf();
      const { res } = await addPatient(clinician.id);
      expect(res.status).toBe(200);
      expect(res.data.emailNotice.tone).toBe("warning");
      expect(res.data.inviteUrl).toMatch(/\/invite\//);
      expect(JSON.stringify(errors.mock.calls)).toMatch(/ECONNECTION|ESOCKET/);
    } finally {
      errors.mockRestore();
    }
  });
});

describe("without SMTP_URL", () => {
  it("writes the invite to the outbox folder as an .eml file and says so", async () => {
    useSmtp(undefined);
    const outbox = process.env.MAIL_OUTBOX_DIR!;
    const { clinician } = await clinicianOf();
    const existing = new Set(await readdir(outbox).catch(() => []));
    const { res, form } = await addPatient(clinician.id);
    expect(res.status).toBe(200);
    expect(res.data.emailNotice.tone).toBe("info");
    expect(res.data.emailNotice.text).toMatch(/outbox/);

    const files = (await readdir(outbox)).filter((f) => !existing.has(f));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const file = path.join(outbox, files[0]!);
    expect((await stat(file)).mode & 0o077).toBe(0);
    const parsed = await simpleParser(await readFile(file));
    expect(parsed.subject).toBe("Your Stagewise invitation from Northside Physio");
    expect(parsed.text).toContain(res.data.inviteUrl);
    expect(parsed.html).toBeTruthy();
    expect(JSON.stringify(parsed.to)).toContain(form.email);

    const emailed = (await auditOf(res.data.patientId)).find((a) => a.action === "patient.invite_emailed");
    expect(JSON.parse(emailed!.detail!)).toEqual({ delivery: "outbox" });
  });
});

describe("one-click unsubscribe headers (for reminder mail)", () => {
  it("adds List-Unsubscribe and List-Unsubscribe-Post when the message has an unsubscribe URL", async () => {
    const before = sink.received.length;
    const result = await sendEmail({
      to: "someone@example.test",
      senderName: "Northside Physio",
      subject: "A message you can opt out of",
      text: "Hello",
      html: '<!doctype html><html lang="en"><body><h1>Hello</h1></body></html>',
      unsubscribeUrl: "https://stagewise.example/unsubscribe/abc123",
    });
    expect(result).toMatchObject({ ok: true, delivery: "smtp" });
    const mail = await sink.nextMessage(before);
    const raw = mail.raw.toString();
    expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/stagewise\.example\/unsubscribe\/abc123>\r?$/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(mail.parsed.headers.get("list")).toEqual({
      unsubscribe: { url: "https://stagewise.example/unsubscribe/abc123" },
      "unsubscribe-post": { name: "List-Unsubscribe=One-Click" },
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
