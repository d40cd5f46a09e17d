import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";

// The e2e server has no SMTP_URL, so its mail lands as .eml files in its outbox folder (test/e2e/server.ts).
const outbox = path.resolve(".tmp", `e2e-outbox-${process.env.E2E_PORT ?? "3210"}`);

/** The outbox's messages now, to tell later ones apart. */
export async function outboxFiles(): Promise<string[]> {
  return (await readdir(outbox).catch(() => [])).filter((f) => f.endsWith(".eml")).sort();
}

/** Waits for a message to `address` that was not in the outbox `before`. */
export async function newMailTo(address: string, before: string[]): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(async () => {
      for (const file of (await outboxFiles()).filter((f) => !before.includes(f))) {
        const mail = await simpleParser(await readFile(path.join(outbox, file)));
        if (JSON.stringify(mail.to).includes(address)) found = mail;
      }
      return Boolean(found);
    })
    .toBe(true);
  return found!;
}
