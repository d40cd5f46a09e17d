import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { closeMailTransport } from "~/utils/email.server.ts";
import { resetEnvCache } from "~/utils/env.server.ts";

// A real SMTP server on 127.0.0.1 (a free port chosen by the OS) that keeps what it receives, parsed by mailparser.
// Nothing leaves the machine. Point the app at it with SMTP_URL=sink.url.

export type ReceivedMail = { envelopeTo: string[]; raw: Buffer; parsed: ParsedMail };

export type SmtpSink = {
  url: string;
  received: ReceivedMail[];
  /** Resolves with the next message that arrives (or one already received after `since`). */
  nextMessage(since?: number): Promise<ReceivedMail>;
  /** What the server answers to DATA: accept (default), or refuse with an SMTP error. */
  refuseWith(error: { code: number; message: string } | null): void;
  /** Runs while a message is being received, before the server answers it (to look at the world mid-send). */
  duringReceive(hook: ((mail: ReceivedMail) => Promise<void>) | null): void;
  close(): Promise<void>;
};

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  let refusal: { code: number; message: string } | null = null;
  let hook: ((mail: ReceivedMail) => Promise<void>) | null = null;

  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS (its built-in certificate is self-signed) and no AUTH.
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        void (async () => {
          const raw = Buffer.concat(chunks);
          const mail = {
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            raw,
            parsed: await simpleParser(raw),
          };
          if (hook) await hook(mail);
          if (refusal) {
            const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
            callback(error);
            return;
          }
          received.push(mail);
          callback();
          for (const wake of waiters.splice(0)) wake();
        })().catch((error: Error) => callback(error));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    nextMessage(since = received.length) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no message arrived at the SMTP sink")), 10_000);
        const check = () => {
          const mail = received[since];
          if (mail) {
            clearTimeout(timer);
            resolve(mail);
          } else waiters.push(check);
        };
        check();
      });
    },
    refuseWith(error) {
      refusal = error;
    },
    duringReceive(fn) {
      hook = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * For a test file: a sink started before its tests, with the app's mail pointed at it (SMTP_URL), both undone after.
 * Call at the top level of the file; read the sink through the returned function once the tests run.
 */
export function appMailSink(): () => SmtpSink {
  let sink: SmtpSink | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    resetEnvCache();
  });
  afterAll(async () => {
    closeMailTransport();
    await sink?.close();
    delete process.env.SMTP_URL;
    resetEnvCache();
  });
  return () => sink!;
}
