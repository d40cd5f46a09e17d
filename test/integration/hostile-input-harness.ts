import fc from "fast-check";
import { sql } from "kysely";
import { expect } from "vitest";
import type { DB } from "~/db/client.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { run, sessionCookieFor, type RouteFunction } from "../support/requests.ts";

// Property-based hostile input (issue 7 part 2): every intent of every action gets a valid form mutated into
// malformed, oversized, wrong-typed, prototype-polluting and injection payloads, posted as a real Request by a
// signed-in user of the right role. The seed is fixed so a failure reproduces; fast-check prints the shrunk form.
export const SEED = 7_2026_02;
export const RUNS = 40;

export type Form = Array<[string, string]>;

export const totals = { targets: 0, runs: 0, fields: 0 };

const BIG = "x".repeat(100_000);
const HOSTILE = [
  "' OR 1=1 --",
  "'; DROP TABLE daily_log; --",
  "1; SELECT * FROM app_user",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "\u0000",
  "a\u0000b",
  "\u202e\u200b\u0007\u001b[31m",
  "\ud800",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e309",
  "0x10",
  "three",
  "",
  "   ",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "+02026-01-01",
  "-1",
  "1.5",
  "99999999999999999999",
  "null",
  "undefined",
  "true",
  "[object Object]",
  "__proto__",
  "{}",
  '{"__proto__":{"polluted":1}}',
  "[]",
  "../../etc/passwd",
  "😀".repeat(50),
  BIG,
  "<".repeat(5000),
];

const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
);

const deepName = fc
  .integer({ min: 17, max: 20_000 })
  .map((n) => Array.from({ length: n }, (_, i) => (i % 2 ? String(i) : "a")).join("."));
const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "__proto__.polluted",
    "__proto__",
    "constructor.prototype.polluted",
    "a.__proto__.polluted",
    "toString",
    "valueOf.x",
    "hasOwnProperty",
    "exercises.99999999.sets",
    "exercises.length",
    "results.4294967295.value",
    "items.1e9",
    "stages.0.gates.99999999.kind",
    "activities.-1.name",
    "a.0.b.1.c.2.d.3.e.4.f.5.g.6.h.7.i",
    "",
    ".",
    "..",
    BIG,
  ),
  deepName,
  fc.string({ unit: "binary", maxLength: 20 }),
);

export type Op =
  | { kind: "set"; at: number; value: string }
  | { kind: "delete"; at: number }
  | { kind: "repeat"; at: number; values: string[] }
  | { kind: "nest"; at: number; suffix: string; value: string }
  | { kind: "add"; key: string; value: string }
  | { kind: "many"; count: number; sameKey: boolean }
  | { kind: "intent"; value: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("repeat" as const),
      at: fc.nat(),
      values: fc.array(hostileValue, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("nest" as const),
      at: fc.nat(),
      suffix: fc.constantFrom(".0", ".x", ".0.1", ".__proto__", ".constructor.prototype", ".99999999"),
      value: hostileValue,
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("add" as const), key: hostileKey, value: hostileValue }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("many" as const),
      count: fc.constantFrom(1000, 10_000),
      sameKey: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("intent" as const), value: hostileValue }) },
);

/** A raw body that is not a well-formed form at all. */
export type RawBody = { contentType: string; body: string };
const rawBody: fc.Arbitrary<RawBody> = fc.constantFrom(
  { contentType: "multipart/form-data", body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--' },
  { contentType: "multipart/form-data; boundary=x", body: "garbage without parts" },
  { contentType: "application/json", body: '{"__proto__":{"polluted":1},"date":"2026-01-01"}' },
  { contentType: "text/plain", body: "' OR 1=1 --" },
  { contentType: "application/x-www-form-urlencoded", body: "%E0%A4%A=1&%%%=2&a=%ZZ&&&=&==" },
);

export type Input = { ops: Op[] } | { raw: RawBody };
export const input: fc.Arbitrary<Input> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ ops: fc.array(op, { minLength: 1, maxLength: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ raw: rawBody }) },
);

export function applyOps(base: Form, ops: Op[]): Form {
  let form: Form = base.map(([k, v]) => [k, v]);
  const pick = (at: number) => {
    const candidates = form.map((e, i) => [e, i] as const).filter(([[k]]) => k !== "intent");
    return candidates.length ? candidates[at % candidates.length]![1] : -1;
  };
  for (const o of ops) {
    if (o.kind === "set" || o.kind === "delete" || o.kind === "repeat" || o.kind === "nest") {
      const i = pick(o.at);
      if (i < 0) {
        form.push(["field", o.kind === "delete" ? "" : o.kind === "repeat" ? o.values[0]! : o.value]);
        continue;
      }
      const key = form[i]![0];
      if (o.kind === "set") form[i] = [key, o.value];
      else if (o.kind === "delete") form.splice(i, 1);
      else if (o.kind === "repeat") form.push(...o.values.map((v) => [key, v] as [string, string]));
      else form[i] = [key + o.suffix, o.value];
    } else if (o.kind === "add") form.push([o.key, o.value]);
    else if (o.kind === "intent") form = form.map(([k, v]) => (k === "intent" ? [k, o.value] : [k, v]));
    else for (let n = 0; n < o.count; n++) form.push([o.sameKey ? (form[0]?.[0] ?? "f") : `f${n}.${n}`, String(n)]);
  }
  return form;
}

export async function hostileRequest(
  pathname: string,
  input: Input,
  base: Form,
  cookie: string | undefined,
): Promise<{ request: Request; fields: number }> {
  const headers = new Headers({ Origin: "http://localhost" });
  if (cookie) headers.set("Cookie", cookie);
  if ("raw" in input) {
    headers.set("Content-Type", input.raw.contentType);
    return {
      request: new Request(`http://localhost${pathname}`, { method: "POST", body: input.raw.body, headers }),
      fields: 0,
    };
  }
  const form = applyOps(base, input.ops);
  const body = new URLSearchParams();
  for (const [k, v] of form) body.append(k, v);
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  return {
    request: new Request(`http://localhost${pathname}`, { method: "POST", body, headers }),
    fields: form.length,
  };
}

let tableNames: string[] | undefined;
export async function rowCounts(db: DB = getDb()): Promise<Record<string, number>> {
  tableNames ??= (await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith("kysely_"));
  const counts: Record<string, number> = {};
  for (const t of tableNames) {
    // Table names come from the database at run time, so the query is raw SQL rather than Kysely's typed builder.
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    counts[t] = Number(rows[0]!.n);
  }
  return counts;
}

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
export function expectNoPollution() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Array.prototype)).not.toContain("polluted");
}

/** Answers are data (React escapes them on render): plain values only, nothing a serializer can choke on. */
export function expectPlainData(value: unknown, depth = 0): void {
  if (value === null || value === undefined || ["string", "number", "boolean"].includes(typeof value)) return;
  expect(depth, "nesting of the answer").toBeLessThan(40);
  if (Array.isArray(value)) {
    expect(value.length, "echoed list length").toBeLessThanOrEqual(100_000);
    for (let i = 0; i < value.length; i++) expectPlainData(value[i], depth + 1);
    return;
  }
  expect(typeof value, "answer value type").toBe("object");
  expect([Object.prototype, null]).toContain(Object.getPrototypeOf(value));
  for (const v of Object.values(value as object)) expectPlainData(v, depth + 1);
}

export type Target = {
  name: string;
  action: RouteFunction;
  path: string;
  params?: Record<string, string>;
  /** Who posts (a fresh session each run); undefined = anonymous (sign-in, invite). */
  userId?: string;
  base: Form;
  /** Runs before the snapshot of each run (e.g. a fresh invite token); may return a new path. */
  prepare?: () => Promise<string | void>;
  /** Tables a refused request may legitimately write (failed sign-ins are counted to throttle guessing). */
  mayWriteOn4xx?: string[];
  /** The form has fields: a 400 explains itself. */
  hasFields?: boolean;
};

export async function hammer(t: Target, numRuns = RUNS) {
  totals.targets++;
  const statuses: Record<number, number> = {};
  await fc.assert(
    fc.asyncProperty(input, async (inp) => {
      const path = (await t.prepare?.()) || t.path;
      const cookie = t.userId ? await sessionCookieFor(t.userId) : undefined;
      const { request, fields } = await hostileRequest(path, inp, t.base, cookie);
      totals.runs++;
      totals.fields += fields;
      const before = await rowCounts();
      let res;
      try {
        res = await run(t.action, request, t.params ?? {}, { clientAddress: `198.51.100.${totals.runs % 250}` });
      } catch (thrown) {
        throw new Error(`${t.name}: threw ${thrown instanceof Error ? thrown.stack : String(thrown)}`);
      }
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      expect(res.status, `${t.name}: status`).toBeGreaterThanOrEqual(200);
      expect(res.status, `${t.name}: status`).toBeLessThan(500);
      expectNoPollution();
      expectPlainData(res.data);
      if (res.response) expect(res.response.headers.get("Content-Type") ?? "").not.toMatch(/html/);
      if (res.status >= 400) {
        const after = await rowCounts();
        for (const table of t.mayWriteOn4xx ?? []) {
          delete after[table];
          delete before[table];
        }
        expect(after, `${t.name}: a refused request wrote rows`).toEqual(before);
      }
      if (res.status === 400 && t.hasFields && typeof res.data === "object" && res.data) {
        const explained =
          Object.keys(res.data.fieldErrors ?? {}).length > 0 ||
          Boolean(res.data.formError) ||
          Boolean(res.data.message);
        expect(explained, `${t.name}: a 400 says what is wrong`).toBe(true);
      }
    }),
    { seed: SEED, numRuns, endOnFailure: true },
  );
  return statuses;
}

export const toForm = (o: Record<string, string>): Form => Object.entries(o);
