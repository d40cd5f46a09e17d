import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The sender address when MAIL_FROM is not set: fine for the demo's outbox, rejected by many real mail servers. */
export const DEFAULT_MAIL_FROM = "stagewise@localhost";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).default("file:./data/stagewise.db"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  // Demo accounts are seeded into an empty database, except in production unless asked for explicitly.
  SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  // Outgoing mail (docs/decisions/046-email.md): through this SMTP server when set, else written to MAIL_OUTBOX_DIR.
  SMTP_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must look like smtp://user:password@host:587 or smtps://…")
      .optional(),
  ),
  MAIL_FROM: z
    .string()
    .regex(/^[^\s@<>",]+@[^\s@<>",]+$/, "MAIL_FROM must be a bare address such as stagewise@clinic.example")
    .default(DEFAULT_MAIL_FROM),
  MAIL_OUTBOX_DIR: z.string().min(1).default("data/outbox"),
  // The address patients reach the app at, for links in mail sent without a request (reminders).
  APP_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, "APP_URL must look like https://stagewise.clinic.example")
      .optional(),
  ),
  // The reminder sweep (docs/decisions/050-reminder-sweep.md): on in every app instance unless turned off.
  REMINDER_SWEEP: z.enum(["on", "off"]).default("on"),
  // Which proxies in front of the app may name the client (X-Forwarded-For): unset = none, the socket address counts.
  TRUST_PROXY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      }
    }),
});

/**
 * TRUST_PROXY → Express's `trust proxy`: unset, "", "false" or "0" = trust nobody (the socket address is the client);
 * a whole number = that many proxy hops in front of the app; otherwise a comma-separated list of proxy addresses,
 * subnets (CIDR) or Express's names "loopback", "linklocal", "uniquelocal". "true" (believe any X-Forwarded-For) is
 * refused: anyone could then pick the address the sign-in throttle counts against.
 */
export function parseTrustProxy(value: string | undefined): false | number | string[] {
  const text = (value ?? "").trim();
  if (text === "" || text === "false" || text === "0") return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === "true") {
    throw new Error(
      "TRUST_PROXY=true would believe any X-Forwarded-For; give the number of hops or the proxy addresses",
    );
  }
  const entries = text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const named = new Set(["loopback", "linklocal", "uniquelocal"]);
  for (const entry of entries) {
    if (!named.has(entry) && !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry)) {
      throw new Error(`TRUST_PROXY: "${entry}" is not an address, a subnet or loopback/linklocal/uniquelocal`);
    }
  }
  return entries;
}

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string };

let cached: Env | undefined;

/** Reads and checks the environment once; fails fast with a readable message. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const env = parsed.data;
  if (!env.SESSION_SECRET && env.NODE_ENV === "production") {
    throw new Error("SESSION_SECRET is required when NODE_ENV=production (at least 32 random characters).");
  }
  cached = { ...env, SESSION_SECRET: env.SESSION_SECRET ?? localSessionSecret() };
  return cached;
}

/** For local runs: a random secret kept in ./data so sessions survive restarts but are never committed. */
function localSessionSecret(): string {
  const file = path.resolve("data", ".session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Tests change the environment between files; let them drop the cached copy. */
export function resetEnvCache(): void {
  cached = undefined;
}
