import { describe, expect, it } from "vitest";
import { mailOptions, mailSetupNotes } from "~/utils/email.server.ts";
import { inviteEmail } from "~/utils/email-templates.server.ts";
import { DEFAULT_MAIL_FROM, type Env } from "~/utils/env.server.ts";

const env = (overrides: Partial<Env>): Env => ({
  NODE_ENV: "development",
  PORT: 3000,
  DATABASE_URL: "file:./data/stagewise.db",
  SESSION_SECRET: "x".repeat(32),
  SEED_DEMO: "auto",
  SMTP_URL: undefined,
  MAIL_FROM: DEFAULT_MAIL_FROM,
  MAIL_OUTBOX_DIR: "data/outbox",
  REMINDER_SWEEP: "on",
  ...overrides,
});

describe("the invite email", () => {
  const invite = inviteEmail({
    clinicName: "Northside <Physio> & Co",
    patientName: '<img src=x onerror="alert(1)">',
    clinicianName: "Dr Ada Lind",
    inviteUrl: "https://stagewise.example/invite/abc",
    validDays: 7,
  });

  it("names the clinic in the subject and nothing else", () => {
    expect(invite.subject).toBe("Your Stagewise invitation from Northside <Physio> & Co");
  });

  it("is an accessible HTML document with escaped values and a link that says where it goes", () => {
    expect(invite.html).toContain('<html lang="en">');
    expect(invite.html).toMatch(/<h1[^>]*>Northside &lt;Physio&gt; &amp; Co invited you to Stagewise<\/h1>/);
    expect(invite.html).toMatch(
      /<a href="https:\/\/stagewise\.example\/invite\/abc"[^>]*>Set your Stagewise password<\/a>/,
    );
    expect(invite.html).not.toContain("<img");
    expect(invite.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("has a plain-text part with the link and who sent it", () => {
    expect(invite.text).toContain("Set your Stagewise password: https://stagewise.example/invite/abc");
    expect(invite.text).toContain("Dr Ada Lind at Northside <Physio> & Co has invited you");
    expect(invite.text).toContain("7 days");
  });
});

describe("mail options", () => {
  const message = { to: "p@example.test", subject: "Hi", text: "t", html: "<p>h</p>" };

  it("sends as '<clinic> via Stagewise' from MAIL_FROM, with subject and names on one line", () => {
    const options = mailOptions(
      { ...message, senderName: "Clinic\r\nBcc: x@example.test", subject: "A\nB" },
      "s@x.test",
    );
    expect(options.from).toEqual({ name: "Clinic Bcc: x@example.test via Stagewise", address: "s@x.test" });
    expect(options.subject).toBe("A B");
    expect(options.headers).toEqual({});
  });

  it("adds one-click unsubscribe headers only when asked, and only for http(s) URLs", () => {
    const options = mailOptions({ ...message, unsubscribeUrl: "https://s.example/u/1" }, "s@x.test");
    expect(options.headers).toEqual({
      "List-Unsubscribe": "<https://s.example/u/1>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(() => mailOptions({ ...message, unsubscribeUrl: "javascript:alert(1)" }, "s@x.test")).toThrow();
  });
});

describe("start-up notes about mail", () => {
  it("warns in production without SMTP_URL, and says where the outbox is", () => {
    const notes = mailSetupNotes(env({ NODE_ENV: "production" }));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.level).toBe("warn");
    expect(notes[0]!.text).toMatch(/SMTP_URL is not set.*data\/outbox/);
  });

  it("only informs in development without SMTP_URL", () => {
    expect(mailSetupNotes(env({}))).toEqual([{ level: "info", text: expect.stringMatching(/data\/outbox/) }]);
  });

  it("warns in production when SMTP is set but MAIL_FROM is the default", () => {
    const APP_URL = "https://stagewise.clinic.example";
    const notes = mailSetupNotes(env({ NODE_ENV: "production", SMTP_URL: "smtp://mail.example:587", APP_URL }));
    expect(notes.map((n) => n.level)).toEqual(["info", "warn"]);
    const configured = mailSetupNotes(
      env({ NODE_ENV: "production", SMTP_URL: "smtp://mail.example:587", MAIL_FROM: "a@clinic.example", APP_URL }),
    );
    expect(configured.map((n) => n.level)).toEqual(["info"]);
  });

  it("warns in production when APP_URL is not set, since reminder links would point at localhost", () => {
    const notes = mailSetupNotes(
      env({ NODE_ENV: "production", SMTP_URL: "smtp://mail.example:587", MAIL_FROM: "a@clinic.example" }),
    );
    expect(notes.map((n) => n.level)).toEqual(["info", "warn"]);
    expect(notes[1]!.text).toMatch(/APP_URL is not set.*http:\/\/localhost:3000/);
  });
});
