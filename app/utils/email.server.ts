import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import { DEFAULT_MAIL_FROM, type Env, getEnv } from "./env.server.ts";

// Outgoing mail (docs/decisions/046-email.md). One transport, made from the environment on first use: SMTP when
// SMTP_URL is set, otherwise nodemailer's stream transport, whose raw message we write to MAIL_OUTBOX_DIR as an .eml
// file (the demo and local runs). Nothing here touches the database: callers send after their transaction commits.

export type Delivery = "smtp" | "outbox";

export type EmailMessage = {
  to: string;
  /** Shown as `"<senderName> via Stagewise" <MAIL_FROM>`; without it, plain "Stagewise". */
  senderName?: string;
  /** Must never carry health details: subject lines show in notification previews and lock screens. */
  subject: string;
  text: string;
  html: string;
  /**
   * One-click unsubscribe (RFC 8058) for mail a patient can opt out of (reminders): an absolute http(s) URL that
   * unsubscribes on a POST with the body `List-Unsubscribe=One-Click`. Invites and sign-in links have none.
   */
  unsubscribeUrl?: string;
};

export type EmailResult =
  { ok: true; delivery: Delivery; messageId: string } | { ok: false; delivery: Delivery; reason: string };

// A clinician waits for the send inside their request: fail in seconds, not nodemailer's default minutes.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

type MailTransport = { key: string; delivery: Delivery; transporter: Transporter; outboxDir: string };
let current: MailTransport | undefined;

function transportFor(env: Env): MailTransport {
  const key = env.SMTP_URL ? `smtp ${env.SMTP_URL}` : `outbox ${env.MAIL_OUTBOX_DIR}`;
  if (current?.key === key) return current;
  current?.transporter.close();
  const outboxDir = path.resolve(env.MAIL_OUTBOX_DIR);
  current = env.SMTP_URL
    ? {
        key,
        delivery: "smtp",
        outboxDir,
        // Options in the URL (`?pool=true`, `?requireTLS=true`, …) win over these defaults.
        transporter: nodemailer.createTransport({ url: env.SMTP_URL, ...SMTP_TIMEOUTS }),
      }
    : {
        key,
        delivery: "outbox",
        outboxDir,
        transporter: nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" }),
      };
  return current;
}

/** Closes the transport (SMTP pool connections); the next send makes a new one. For shutdown and tests. */
export function closeMailTransport(): void {
  current?.transporter.close();
  current = undefined;
}

/** Removes line breaks and other control characters from a header value (no header injection through a name). */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

/** The message as nodemailer takes it. Exported for tests of the headers. */
export function mailOptions(message: EmailMessage, mailFrom: string): SendMailOptions {
  const senderName = message.senderName ? `${oneLine(message.senderName)} via Stagewise` : "Stagewise";
  const headers: Record<string, string> = {};
  if (message.unsubscribeUrl) {
    const url = new URL(message.unsubscribeUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("unsubscribeUrl must be http(s)");
    headers["List-Unsubscribe"] = `<${url.href}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  return {
    from: { name: senderName, address: mailFrom },
    to: message.to,
    subject: oneLine(message.subject),
    text: message.text,
    html: message.html,
    headers,
  };
}

/**
 * Sends one message. Never throws: a failure is answered (and logged without the message or the address), so the
 * caller can tell the clinician and carry on. Call it after the database transaction has committed, never inside one.
 */
export async function sendEmail(message: EmailMessage): Promise<EmailResult> {
  let delivery: Delivery = "smtp";
  try {
    const env = getEnv();
    const transport = transportFor(env);
    delivery = transport.delivery;
    const info = await transport.transporter.sendMail(mailOptions(message, env.MAIL_FROM));
    const messageId = String(info.messageId ?? "");
    if (transport.delivery === "outbox") await writeToOutbox(transport.outboxDir, info.message as Buffer);
    return { ok: true, delivery, messageId };
  } catch (error) {
    const reason = failureReason(error);
    console.error(`email: not sent by ${delivery} (${reason})`);
    return { ok: false, delivery, reason };
  }
}

async function writeToOutbox(dir: string, raw: Buffer): Promise<string> {
  // The files hold live one-time links: readable by the app's user only.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.join(dir, `${stamp}-${randomBytes(4).toString("hex")}.eml`);
  await writeFile(file, raw, { mode: 0o600 });
  return file;
}

/** What went wrong, for the log: nodemailer's error code and the server's reply code, not its text (it can hold the address). */
function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const { code, responseCode, command } = error as Error & { code?: string; responseCode?: number; command?: string };
  const parts = [code, responseCode ? `reply ${responseCode}` : undefined, command ? `at ${command}` : undefined];
  const known = parts.filter(Boolean).join(" ");
  return known || error.name;
}

/** What start-up should say about mail: where it goes, and warnings for a production set-up that cannot deliver. */
export function mailSetupNotes(env: Env): Array<{ level: "info" | "warn"; text: string }> {
  const outbox = path.resolve(env.MAIL_OUTBOX_DIR);
  if (!env.SMTP_URL && env.NODE_ENV === "production") {
    return [
      {
        level: "warn",
        text:
          `WARNING: SMTP_URL is not set, so no email is sent: invites are written to ${outbox} instead. ` +
          "Set SMTP_URL (smtp://user:password@host:587) and MAIL_FROM to send mail.",
      },
    ];
  }
  if (!env.SMTP_URL) return [{ level: "info", text: `mail: no SMTP_URL, outgoing mail is written to ${outbox}` }];
  const notes: Array<{ level: "info" | "warn"; text: string }> = [
    { level: "info", text: `mail: sending through SMTP as ${env.MAIL_FROM}` },
  ];
  if (env.NODE_ENV === "production" && !env.APP_URL) {
    notes.push({
      level: "warn",
      text: `WARNING: APP_URL is not set; links in reminder emails point at http://localhost:${env.PORT}.`,
    });
  }
  if (env.NODE_ENV === "production" && env.MAIL_FROM === DEFAULT_MAIL_FROM) {
    notes.push({
      level: "warn",
      text: `WARNING: MAIL_FROM is not set; mail is sent from ${DEFAULT_MAIL_FROM}, which most mail servers reject.`,
    });
  }
  return notes;
}
