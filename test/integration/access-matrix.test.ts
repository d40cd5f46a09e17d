/// <reference types="vite/client" />
import { createHash, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, ProgramSchema, type Program } from "~/engine/index.ts";
import { getUserById } from "~/models/user.server.ts";
import { programToForm } from "~/schemas/program-form/program-to-form.ts";
import { findProgramForClinic } from "~/services/program-lookup.server.ts";
import { createClinicProgram, saveProgramVersion } from "~/services/program-editor.server.ts";
import { reissueInvite } from "~/services/patient-enrolment.server.ts";
import { unsubscribeTokenFor } from "~/services/reminder-setting.server.ts";
import { startPlan } from "~/services/plan.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { loadBuiltInProgram } from "~/programs/index.ts";
import { createClinic, createClinician, createPatient, TEST_PASSWORD } from "../support/factories.ts";
import { getRequest, postRequest, run, sessionCookieFor, type RouteResult } from "../support/requests.ts";
import { twoStageProgram } from "./clinic/fixtures.ts";
import { validLogForm } from "./me/plan-fixture.ts";

/*
 * The access matrix (issue 7, part 1): every loader and action of every route module × {anonymous, patient A,
 * patient B, clinician of clinic 1, clinician of clinic 2}. Clinic 1 holds patients A and B (plans, logs, decisions,
 * one pending, measurements, a sign-off, a clinic program), a patient N without a plan or password, and an invitee I;
 * clinic 2 holds patient C on its own program. Each cell asserts the answer (status, and where a redirect goes), that
 * a role that must not write wrote nothing (every row of every clinical table unchanged), that an allowed write did
 * write, and that nothing the role may see contains another patient's or another clinic's names or ids.
 */

// ---------------------------------------------------------------------------------------------------------------
// Route discovery: a route module added later without a row here fails the completeness test. A route is a module in
// app/routes, or a folder there holding route.tsx (its other files are the route's own modules, not routes).
const MODULES = import.meta.glob(["../../app/routes/*.{ts,tsx}", "../../app/routes/*/route.{ts,tsx}"], {
  eager: true,
}) as Record<string, Record<string, unknown>>;
const SOURCES = import.meta.glob(["../../app/routes/*.{ts,tsx}", "../../app/routes/*/route.{ts,tsx}"], {
  eager: true,
  query: "?raw",
  import: "default",
}) as Record<string, string>;
/** "…/routes/clinic.tsx" and "…/routes/clinic.patients.$patientId/route.tsx" → the flat-route name. */
const routeName = (file: string) =>
  file
    .replace(/^.*\/app\/routes\//, "")
    .replace(/\/route\.tsx?$/, "")
    .replace(/\.tsx?$/, "");
const ROUTES = new Map(Object.entries(MODULES).map(([file, mod]) => [routeName(file), mod]));
const ROUTE_SOURCES = new Map(Object.entries(SOURCES).map(([file, src]) => [routeName(file), src]));

/** The intents a route's action dispatches on: the list it exports (any export named `…_INTENTS`). */
function intentsOf(route: string): string[] {
  const exported = Object.entries(ROUTES.get(route) ?? {}).find(([name]) => name.endsWith("_INTENTS"))?.[1];
  return Array.isArray(exported) ? exported.map(String).sort() : [];
}

/** Routes whose action reads an `intent` field; each must export its intents so the matrix can cover them all. */
const routesReadingAnIntent = () =>
  [...ROUTE_SOURCES].filter(([, source]) => /get\("intent"\)/.test(source)).map(([name]) => name);

// ---------------------------------------------------------------------------------------------------------------
// The world.
type Role = "anonymous" | "patientA" | "patientB" | "clinician1" | "clinician2";
const ROLES: Role[] = ["anonymous", "patientA", "patientB", "clinician1", "clinician2"];
const ROLE_LABEL: Record<Role, string> = {
  anonymous: "an anonymous visitor",
  patientA: "patient A",
  patientB: "patient B",
  clinician1: "the clinician of clinic 1",
  clinician2: "the clinician of clinic 2",
};

const NAMES = {
  A: "Alice Quorrelwood",
  B: "Bruno Vantablack",
  N: "Nell Noplanfield",
  I: "Ivy Invitee",
  C: "Cora Zephyrine",
  clinician1: "Dr Una Firstclinic",
  clinician2: "Dr Duo Secondclinic",
  program1: "Clinic One House Protocol",
  program2: "Clinic Two Secret Protocol",
};

/** The two-stage test program, whose next stage asks for a self-recordable heel-raise test (so /me/tests has one). */
const { source: _source, ...heelRaiseGate } = loadBuiltInProgram("achilles-silbernagel-2007")!
  .stages.flatMap((s) => s.gates)
  .find((g) => g.id === "ten-one-leg-heel-raises")! as Record<string, unknown>;
const accessProgram: Program = ProgramSchema.parse({
  ...twoStageProgram,
  stages: [twoStageProgram.stages[0], { ...twoStageProgram.stages[1]!, gates: [heelRaiseGate] }],
});

type Person = {
  id: string;
  email: string;
  name: string;
  planIds: string[];
  decisionIds: string[];
  measurementIds: string[];
};
type World = Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const db = getDb();
  const today = todayIn("Europe/London");
  const clinic1 = await createClinic(db, "Clinic One");
  const clinic2 = await createClinic(db, "Clinic Two");
  const c1 = await createClinician(db, clinic1.id, { name: NAMES.clinician1 });
  const c2 = await createClinician(db, clinic2.id, { name: NAMES.clinician2 });
  const A = await createPatient(db, clinic1.id, c1.id, { name: NAMES.A });
  const B = await createPatient(db, clinic1.id, c1.id, { name: NAMES.B });
  const N = await createPatient(db, clinic1.id, c1.id, { name: NAMES.N, withPassword: false });
  const I = await createPatient(db, clinic1.id, c1.id, { name: NAMES.I, withPassword: false });
  const C = await createPatient(db, clinic2.id, c2.id, { name: NAMES.C });
  const program1 = await createClinicProgram(db, c1, { ...accessProgram, name: NAMES.program1 });
  const program2 = await createClinicProgram(db, c2, { ...accessProgram, name: NAMES.program2 });
  const definition1 = (await findProgramForClinic(db, clinic1.id, program1))!;
  const definition2 = (await findProgramForClinic(db, clinic2.id, program2))!;

  const plans: Record<string, string> = {};
  for (const [key, patient, clinician, program] of [
    ["A", A, c1, definition1],
    ["B", B, c1, definition1],
    ["C", C, c2, definition2],
  ] as const) {
    const started = await startPlan(db, clinician, {
      patientId: patient.id,
      program,
      startStageId: "load",
      startDate: addDays(today, -5),
      approvalMode: "confirm",
      involvedSide: "right",
      goalText: `Goal of ${patient.id}`,
    });
    if (!started.ok) throw new Error(JSON.stringify(started.fieldErrors));
    plans[key] = started.planId;
  }

  const cookies: Record<Exclude<Role, "anonymous">, string> = {
    patientA: await sessionCookieFor(A.id),
    patientB: await sessionCookieFor(B.id),
    clinician1: await sessionCookieFor(c1.id),
    clinician2: await sessionCookieFor(c2.id),
  };
  const cCookie = await sessionCookieFor(C.id);
  const route = (name: string, fn: "loader" | "action") => ROUTES.get(name)![fn] as (args: unknown) => unknown;
  const post = async (name: string, url: string, form: Record<string, string>, cookie: string) => {
    const res = await run(route(name, "action"), await postRequest(url, form, { cookie }), paramsFor(name, url));
    if (res.status >= 400) throw new Error(`setup ${name} ${url}: ${res.status} ${JSON.stringify(res.data)}`);
    return res;
  };

  // Daily logs through the patient app: A three calm days, B and C today.
  for (const date of [addDays(today, -2), addDays(today, -1), today]) {
    await post(
      "me.log",
      "/me/log",
      validLogForm(date, ["heel-raise"], { painDuring: "2", painAfter: "2" }),
      cookies.patientA,
    );
  }
  // B had a red-flag pain yesterday (the program's level is 7): B's latest decision carries a flag to review.
  await post(
    "me.log",
    "/me/log",
    validLogForm(addDays(today, -1), ["heel-raise"], { painDuring: "8", painAfter: "2" }),
    cookies.patientB,
  );
  await post(
    "me.log",
    "/me/log",
    validLogForm(today, ["heel-raise"], { painDuring: "2", painAfter: "2" }),
    cookies.patientB,
  );
  await post("me.log", "/me/log", validLogForm(today, ["heel-raise"], { painDuring: "2", painAfter: "2" }), cCookie);
  // Measurements: a clinic test and a questionnaire for A, self-tests for B and C.
  await post(
    "clinic.patients.$patientId",
    `/clinic/patients/${A.id}`,
    {
      intent: "capacity",
      planId: plans.A!,
      measure: "single_leg_heel_raise_reps",
      testedOn: today,
      left: "",
      right: "12",
    },
    cookies.clinician1,
  );
  await post(
    "me.questionnaires.$kind",
    "/me/questionnaires/lefs",
    Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`items.${i}`, "3"])),
    cookies.patientA,
  );
  await post(
    "me.tests",
    "/me/tests",
    { "results.0.measure": "single_leg_heel_raise_reps", "results.0.side": "right", "results.0.value": "9" },
    cookies.patientB,
  );
  await post(
    "me.tests",
    "/me/tests",
    { "results.0.measure": "single_leg_heel_raise_reps", "results.0.side": "right", "results.0.value": "7" },
    cCookie,
  );
  // A's sign-off completes stage 1's gates: the engine proposes an advance that awaits confirmation.
  await post(
    "clinic.patients.$patientId",
    `/clinic/patients/${A.id}`,
    { intent: "signoff", planId: plans.A!, itemId: "exam_clear", signedOn: today },
    cookies.clinician1,
  );
  const invitePath = await reissueInvite(db, c1, I.id);

  async function person(p: { id: string; email: string }, name: string, planId?: string): Promise<Person> {
    const planIds = planId ? [planId] : [];
    const decisionIds = planId
      ? (await db.selectFrom("decision").select("id").where("plan_id", "=", planId).execute()).map((r) => r.id)
      : [];
    const measurementIds = (
      await db.selectFrom("measurement").select("id").where("patient_id", "=", p.id).execute()
    ).map((r) => r.id);
    return { id: p.id, email: p.email, name, planIds, decisionIds, measurementIds };
  }
  const pendingA = await db
    .selectFrom("decision")
    .select(["id", "outcome"])
    .where("plan_id", "=", plans.A!)
    .where("status", "=", "pending")
    .executeTakeFirst();
  if (!pendingA || pendingA.outcome !== "advance")
    throw new Error(`setup: patient A has no pending advance (${JSON.stringify(pendingA)})`);
  const latestOf = async (planId: string) =>
    (
      await db
        .selectFrom("decision")
        .select("id")
        .where("plan_id", "=", planId)
        .orderBy("created_at", "desc")
        .executeTakeFirstOrThrow()
    ).id;

  return {
    today,
    clinic1,
    clinic2,
    clinician1: (await getUserById(db, c1.id))!,
    clinician2: (await getUserById(db, c2.id))!,
    A: await person(A, NAMES.A, plans.A),
    B: await person(B, NAMES.B, plans.B),
    C: await person(C, NAMES.C, plans.C),
    N: await person(N, NAMES.N),
    I: await person(I, NAMES.I),
    planA: plans.A!,
    planB: plans.B!,
    planC: plans.C!,
    pendingA: pendingA.id,
    latestB: await latestOf(plans.B!),
    /** One of A's logs: every log of the world carries a note to the physio. */
    logA: (await db.selectFrom("daily_log").select("id").where("plan_id", "=", plans.A!).executeTakeFirstOrThrow()).id,
    latestC: await latestOf(plans.C!),
    program1,
    program2,
    definition1,
    invitePath,
    cookies,
  };
}

/** Route params from the flat-route file name matched against the URL (static segments must match too). */
function paramsFor(name: string, url: string): Record<string, string> {
  const routeSegs = name
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, ""));
  const urlSegs = new URL(url, "http://localhost").pathname.split("/").filter(Boolean);
  if (routeSegs.length !== urlSegs.length) throw new Error(`${url} does not match route ${name}`);
  const params: Record<string, string> = {};
  routeSegs.forEach((seg, i) => {
    if (seg.startsWith("$")) params[seg.slice(1)] = decodeURIComponent(urlSegs[i]!);
    else if (seg !== urlSegs[i]) throw new Error(`${url} does not match route ${name}`);
  });
  return params;
}

/** What each role must never see: other patients' and other clinics' names and ids. */
function identifiers(p: Person) {
  return [p.name, p.id, p.email, ...p.planIds, ...p.decisionIds, ...p.measurementIds];
}
function forbiddenFor(role: Role, w: World): string[] {
  const clinic1 = [
    ...identifiers(w.A),
    ...identifiers(w.B),
    ...identifiers(w.N),
    w.clinician1.name,
    w.clinician1.email,
    w.program1,
    NAMES.program1,
  ];
  const clinic2 = [...identifiers(w.C), w.clinician2.name, w.clinician2.email, w.program2, NAMES.program2];
  switch (role) {
    case "anonymous":
      return [...clinic1, ...clinic2];
    case "patientA":
      return [...identifiers(w.B), ...identifiers(w.N), ...clinic2];
    case "patientB":
      return [...identifiers(w.A), ...identifiers(w.N), ...clinic2];
    case "clinician1":
      return clinic2;
    case "clinician2":
      return clinic1;
  }
}

/** Every row of every table a request could touch, hashed (sessions by count: reading one may refresh its expiry). */
const TABLES = [
  "clinic",
  "app_user",
  "patient_profile",
  "invite",
  "program",
  "program_version",
  "plan",
  "daily_log",
  "measurement",
  "signoff",
  "decision",
  "audit_event",
  "message",
  "message_notice",
  "reminder_setting",
  "log_note_read",
  "flag_review",
] as const;
async function fingerprint(): Promise<string> {
  const db = getDb();
  const hash = createHash("sha256");
  for (const table of TABLES) {
    const rows = (await db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
    hash.update(`${table}:${rows.length}:${rows.join("\n")}`);
  }
  const sessions = await db
    .selectFrom("user_session")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirstOrThrow();
  hash.update(`sessions:${Number(sessions.n)}`);
  return hash.digest("hex");
}

// ---------------------------------------------------------------------------------------------------------------
// The matrix.
type Expected = {
  status: number;
  to?: string | RegExp | "login" | ((w: World) => string | RegExp);
  allowed: boolean;
  write?: boolean;
};
const ok: Expected = { status: 200, allowed: true };
const okWrite: Expected = { status: 200, allowed: true, write: true };
const notFound: Expected = { status: 404, allowed: false };
const forbidden: Expected = { status: 403, allowed: false };
const invalid: Expected = { status: 400, allowed: false };
const gone: Expected = { status: 410, allowed: false };
const toLogin: Expected = { status: 302, to: "login", allowed: false };
const toClinic: Expected = { status: 302, to: "/clinic", allowed: false };
const to = (where: Expected["to"], allowed = false, write = false): Expected => ({
  status: 302,
  to: where,
  allowed,
  write,
});

/** /clinic…: anonymous → sign in, patients → 403. */
const clinicArea = (c1: Expected, c2: Expected) => ({
  anonymous: toLogin,
  patientA: forbidden,
  patientB: forbidden,
  clinician1: c1,
  clinician2: c2,
});
/** /me…: anonymous → sign in, clinicians → their own home. */
const patientArea = (a: Expected, b: Expected) => ({
  anonymous: toLogin,
  patientA: a,
  patientB: b,
  clinician1: toClinic,
  clinician2: toClinic,
});
const everyone = (e: Expected) => ({ anonymous: e, patientA: e, patientB: e, clinician1: e, clinician2: e });

type Row = {
  route: string;
  method: "GET" | "POST";
  intent?: string;
  /** What is read or written, in words: "patient A's page". */
  what: string;
  url: (w: World, role: Role) => string;
  form?: (w: World, role: Role) => Record<string, string>;
  /** Runs (as clinician 1 of a fresh world) before an allowed write. */
  setup?: (w: World) => Promise<void>;
  /** Signed-in roles use a session made for this cell (signing out ends it). */
  freshSession?: boolean;
  /** Extra strings the response must not contain for roles allowed to read (e.g. patient B on patient A's page). */
  alsoForbid?: (w: World) => string[];
  expect: Record<Role, Expected>;
};

const pid = (w: World) => `/clinic/patients/${w.A.id}`;
const planForm = (intent: string) => (w: World) => ({ intent, planId: w.planA });
const programPosted = (w: World) => flatten(programToForm({ ...w.definition1, name: "Edited by the matrix" }));
const tryQuery = (w: World, patientId: string) =>
  `?${new URLSearchParams({ source: "patient", patientId, days: "42", painDuring: "3", painTrend: "falling", morningPain: "1", adherencePercent: "90", runningMinutes: "0", lsiStart: "70", lsiEnd: "95", questionnaireStart: "50", questionnaireEnd: "85" })}`;
const ownPlan = (w: World, role: Role) => (role === "patientB" ? w.latestB : w.pendingA);
const newPasswordForm = {
  currentPassword: TEST_PASSWORD,
  newPassword: "a different long password",
  confirmPassword: "a different long password",
};
const lefsForm = () => Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`items.${i}`, "2"]));
/** Setup for "resume": clinician 1 pauses patient A's plan through the page. */
const pausePlanA = async (w: World) => {
  const path = pid(w);
  const res = await run(
    ROUTES.get("clinic.patients.$patientId")!.action as never,
    await postRequest(path, { intent: "pause", planId: w.planA }, { cookie: w.cookies.clinician1 }),
    paramsFor("clinic.patients.$patientId", path),
  );
  if (res.status !== 200) throw new Error(`setup: pause answered ${res.status}`);
};

// prettier-ignore
const MATRIX: Row[] = [
  // route                                          method  intent            what                                         expected per role
  { route: "_index", method: "GET", what: "the landing page", url: () => "/",
    expect: { anonymous: ok, patientA: to("/me", true), patientB: to("/me", true), clinician1: to("/clinic", true), clinician2: to("/clinic", true) } },
  { route: "healthz", method: "GET", what: "the health check", url: () => "/healthz", expect: everyone(ok) },
  { route: "login", method: "GET", what: "the sign-in page", url: () => "/login",
    expect: { anonymous: ok, patientA: to("/me"), patientB: to("/me"), clinician1: to("/clinic"), clinician2: to("/clinic") } },
  { route: "login", method: "POST", what: "patient A's right credentials", url: () => "/login",
    form: (w) => ({ email: w.A.email, password: TEST_PASSWORD }), expect: everyone(to("/me", true, true)) },
  { route: "login", method: "POST", what: "patient A's email with a wrong password", url: () => "/login",
    form: (w) => ({ email: w.A.email, password: "not-the-password" }), expect: everyone(invalid) },
  { route: "logout", method: "GET", what: "sign-out by link", url: () => "/logout", expect: everyone(to("/")) },
  { route: "logout", method: "POST", what: "sign-out", url: () => "/logout", freshSession: true,
    expect: { anonymous: to("/login"), patientA: to("/login", true, true), patientB: to("/login", true, true), clinician1: to("/login", true, true), clinician2: to("/login", true, true) } },
  { route: "invite.$token", method: "GET", what: "an invite link (the token is the key)", url: (w) => w.invitePath, expect: everyone(ok) },
  { route: "invite.$token", method: "GET", what: "an unknown invite token", url: () => "/invite/not-a-real-token", expect: everyone(ok) },
  { route: "invite.$token", method: "POST", intent: "join-without-password", what: "joining without a password through an invite link", url: (w) => w.invitePath,
    form: () => ({ intent: "join-without-password" }), expect: everyone(to("/me", true, true)) },
  { route: "invite.$token", method: "POST", intent: "join-without-password", what: "joining without a password through an unknown invite token", url: () => "/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    form: () => ({ intent: "join-without-password" }), expect: everyone(gone) },
  { route: "invite.$token", method: "POST", intent: "set-password", what: "a password through an invite link", url: (w) => w.invitePath,
    form: () => ({ password: "a brand new password", confirmPassword: "a brand new password" }), expect: everyone(to("/me", true, true)) },
  { route: "invite.$token", method: "POST", what: "a password through an unknown invite token", url: () => "/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    form: () => ({ password: "a brand new password", confirmPassword: "a brand new password" }), expect: everyone(gone) },
  { route: "login_.link", method: "GET", what: "the sign-in link form", url: () => "/login/link",
    expect: { anonymous: ok, patientA: to("/me"), patientB: to("/me"), clinician1: to("/clinic"), clinician2: to("/clinic") } },
  { route: "login_.link", method: "POST", what: "a sign-in link for an address nobody has", url: () => "/login/link",
    form: (_w, role) => ({ email: `nobody-${role}@example.test` }), expect: everyone(ok) },
  { route: "login_.link", method: "POST", what: "a sign-in link for something that is not an address", url: () => "/login/link",
    form: () => ({ email: "not-an-address" }), expect: everyone(invalid) },
  { route: "sign-in.$token", method: "GET", what: "an unknown sign-in link", url: () => "/sign-in/not-a-real-token", expect: everyone(ok) },
  { route: "sign-in.$token", method: "POST", what: "a sign-in through an unknown link", url: () => "/sign-in/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    expect: everyone(gone) },
  { route: "unsubscribe.$token", method: "GET", what: "patient A's unsubscribe link (the token is the key)", url: (w) => `/unsubscribe/${unsubscribeTokenFor(w.A.id)}`,
    expect: everyone(ok) },
  { route: "unsubscribe.$token", method: "POST", what: "patient A's one-click unsubscribe", url: (w) => `/unsubscribe/${unsubscribeTokenFor(w.A.id)}`,
    form: () => ({ "List-Unsubscribe": "One-Click" }), expect: everyone(okWrite) },
  { route: "unsubscribe.$token", method: "POST", what: "an unsubscribe of patient A with a forged token", url: (w) => `/unsubscribe/${w.A.id}.forged`,
    form: () => ({ "List-Unsubscribe": "One-Click" }), expect: everyone(notFound) },

  // the clinician area
  { route: "clinic", method: "GET", what: "the clinic layout", url: () => "/clinic", expect: clinicArea(ok, ok) },
  { route: "clinic._index", method: "GET", what: "the triage list", url: () => "/clinic", expect: clinicArea(ok, ok) },
  { route: "clinic._index", method: "POST", intent: "confirm", what: "a confirmation of patient A's pending advance from triage", url: () => "/clinic",
    form: (w) => ({ decisionId: w.pendingA }), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients._index", method: "GET", what: "the patient list", url: () => "/clinic/patients?q=&status=all", expect: clinicArea(ok, ok) },
  { route: "clinic.patients.new", method: "GET", what: "the add-a-patient form", url: () => "/clinic/patients/new", expect: clinicArea(ok, ok) },
  { route: "clinic.patients.new", method: "POST", what: "a new patient", url: () => "/clinic/patients/new",
    form: () => ({ name: "Nova Newcomer", email: `new-${Math.random().toString(36).slice(2)}@example.test`, timeZone: "Europe/London", condition: "Achilles tendinopathy", involvedSide: "left" }),
    expect: clinicArea(okWrite, okWrite) },
  { route: "clinic.patients.$patientId", method: "GET", what: "patient A's page", url: pid, alsoForbid: (w) => identifiers(w.B), expect: clinicArea(ok, notFound) },
  { route: "clinic.patients.$patientId", method: "GET", what: "patient C's page (clinic 2)", url: (w) => `/clinic/patients/${w.C.id}`, expect: clinicArea(notFound, ok) },
  { route: "clinic.patients.$patientId", method: "GET", what: "a made-up patient id", url: () => "/clinic/patients/00000000-0000-4000-8000-000000000000", expect: clinicArea(notFound, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "start-plan", what: "a plan for patient N", url: (w) => `/clinic/patients/${w.N.id}`,
    form: (w) => ({ intent: "start-plan", programId: w.program1, startDate: w.today, approvalMode: "confirm", goalText: "Walk the dog again" }), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "start-plan", what: "a plan for patient N on clinic 2's program", url: (w) => `/clinic/patients/${w.N.id}`,
    form: (w) => ({ intent: "start-plan", programId: w.program2, startDate: w.today, approvalMode: "confirm", goalText: "Walk the dog again" }), expect: clinicArea(invalid, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "pause", what: "a pause of patient A's plan", url: pid, form: planForm("pause"), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "pause", what: "a pause of patient B's plan through patient A's page", url: pid,
    form: (w) => ({ intent: "pause", planId: w.planB }), expect: clinicArea(notFound, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "resume", what: "a resume of patient A's paused plan", url: pid, form: planForm("resume"),
    setup: pausePlanA, expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "discharge", what: "a discharge of patient A", url: pid, form: planForm("discharge"), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "evaluate", what: "a re-evaluation of patient A's plan", url: pid, form: planForm("evaluate"), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "reissue-invite", what: "a new invite link for patient N", url: (w) => `/clinic/patients/${w.N.id}`,
    form: () => ({ intent: "reissue-invite" }), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "confirm", what: "a confirmation of patient A's pending advance", url: pid,
    form: (w) => ({ intent: "confirm", decisionId: w.pendingA }), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "confirm", what: "a confirmation of patient A's advance through patient B's page", url: (w) => `/clinic/patients/${w.B.id}`,
    form: (w) => ({ intent: "confirm", decisionId: w.pendingA }), expect: clinicArea(notFound, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "override", what: "an override of patient A's pending advance", url: pid,
    form: (w) => ({ intent: "override", decisionId: w.pendingA, overrideReason: "Wants another week" }), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "move-stage", what: "a stage move of patient A's plan", url: pid,
    form: (w) => ({ intent: "move-stage", planId: w.planA, stageId: "build", moveReason: "Clinical judgement" }), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "move-version", what: "a move of patient A's plan to version 2", url: pid,
    form: (w) => ({ intent: "move-version", planId: w.planA, version: "2" }),
    setup: async (w) => { const r = await saveProgramVersion(getDb(), w.clinician1 as never, w.program1, w.definition1); if (!r.ok) throw new Error(r.message); },
    expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "capacity", what: "a clinic test for patient A", url: pid,
    form: (w) => ({ intent: "capacity", planId: w.planA, measure: "single_leg_heel_raise_reps", testedOn: w.today, left: "14", right: "13" }), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "capacity", what: "a clinic test on clinic 2's plan through patient A's page", url: pid,
    form: (w) => ({ intent: "capacity", planId: w.planC, measure: "single_leg_heel_raise_reps", testedOn: w.today, left: "14", right: "13" }), expect: clinicArea(notFound, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "questionnaire", what: "a questionnaire score for patient A", url: pid,
    form: (w) => ({ intent: "questionnaire", planId: w.planA, instrument: "visa_a", answeredOn: w.today, score: "61" }), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "signoff", what: "a sign-off for patient B", url: (w) => `/clinic/patients/${w.B.id}`,
    form: (w) => ({ intent: "signoff", planId: w.planB, itemId: "exam_clear", signedOn: w.today }), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "signoff", what: "a sign-off for patient C (clinic 2)", url: (w) => `/clinic/patients/${w.C.id}`,
    form: (w) => ({ intent: "signoff", planId: w.planC, itemId: "exam_clear", signedOn: w.today }), expect: clinicArea(notFound, okWrite) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "tailor-dose", what: "a personal dose for patient A", url: pid,
    form: (w) => ({ intent: "tailor-dose", planId: w.planA, stageId: "load", target: "current", doseVersion: "0", programVersion: "1", "exercises.0.exerciseId": "heel-raise", "exercises.0.origin": "program", "exercises.0.sets": "2", "exercises.0.reps": "10", "exercises.0.side": "both", doseReason: "Start lighter" }),
    expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "tailor-dose", what: "a personal dose for clinic 2's plan through patient A's page", url: pid,
    form: (w) => ({ intent: "tailor-dose", planId: w.planC, stageId: "load", target: "current", doseVersion: "0", programVersion: "1", "exercises.0.exerciseId": "heel-raise", "exercises.0.origin": "program", "exercises.0.sets": "2", "exercises.0.reps": "10", "exercises.0.side": "both", doseReason: "Start lighter" }),
    expect: clinicArea(notFound, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "mark-notes-read", what: "patient A's note marked read", url: pid,
    form: (w) => ({ intent: "mark-notes-read", planId: w.planA, logIds: w.logA }), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "mark-notes-read", what: "patient A's note marked read through patient B's page", url: (w) => `/clinic/patients/${w.B.id}`,
    form: (w) => ({ intent: "mark-notes-read", planId: w.planA, logIds: w.logA }), expect: clinicArea(notFound, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "review-flags", what: "patient B's red flag marked reviewed", url: (w) => `/clinic/patients/${w.B.id}`,
    form: (w) => ({ intent: "review-flags", decisionId: w.latestB, reviewNote: "Called: a hard session, settled" }), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "review-flags", what: "patient B's red flag reviewed through patient A's page", url: pid,
    form: (w) => ({ intent: "review-flags", decisionId: w.latestB }), expect: clinicArea(notFound, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "edit-details", what: "patient A's details edited", url: pid,
    form: () => ({ intent: "edit-details", name: "Alice Q. Renamed", email: "alice.renamed@example.test", timeZone: "Europe/Paris", condition: "Achilles tendinopathy", involvedSide: "left", injuryDate: "", surgeryDate: "2026-10-01" }),
    expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "dose-approval", what: "patient A's dose changes set to apply automatically", url: pid,
    form: (w) => ({ intent: "dose-approval", planId: w.planA, doseApprovalMode: "automatic" }), expect: clinicArea(okWrite, notFound) },
  { route: "clinic.patients.$patientId", method: "POST", intent: "dose-approval", what: "clinic 2's plan's dose approval through patient A's page", url: pid,
    form: (w) => ({ intent: "dose-approval", planId: w.planC, doseApprovalMode: "automatic" }), expect: clinicArea(notFound, notFound) },
  { route: "clinic.patients.$patientId.export.$format", method: "GET", what: "patient A's record as CSV", url: (w) => `/clinic/patients/${w.A.id}/export/csv`,
    alsoForbid: (w) => identifiers(w.B), expect: clinicArea(ok, notFound) },
  { route: "clinic.patients.$patientId.export.$format", method: "GET", what: "patient A's record as FHIR", url: (w) => `/clinic/patients/${w.A.id}/export/fhir`,
    alsoForbid: (w) => identifiers(w.B), expect: clinicArea(ok, notFound) },
  { route: "clinic.patients.$patientId.export.$format", method: "GET", what: "patient C's record (clinic 2) as FHIR", url: (w) => `/clinic/patients/${w.C.id}/export/fhir`,
    expect: clinicArea(notFound, ok) },
  { route: "clinic.patients.$patientId_.messages", method: "GET", what: "patient A's messages", url: (w) => `/clinic/patients/${w.A.id}/messages`,
    alsoForbid: (w) => identifiers(w.B), expect: clinicArea(ok, notFound) },
  { route: "clinic.patients.$patientId_.messages", method: "GET", what: "patient C's messages (clinic 2)", url: (w) => `/clinic/patients/${w.C.id}/messages`,
    expect: clinicArea(notFound, ok) },
  { route: "clinic.patients.$patientId_.messages", method: "POST", what: "a message to patient A", url: (w) => `/clinic/patients/${w.A.id}/messages`,
    form: () => ({ messageId: randomUUID(), body: "How did the hops feel?" }),
    expect: clinicArea(to((w) => `/clinic/patients/${w.A.id}/messages?sent=1`, true, true), notFound) },
  { route: "clinic.programs._index", method: "GET", what: "the program list", url: () => "/clinic/programs", expect: clinicArea(ok, ok) },
  { route: "clinic.programs._index", method: "POST", what: "a copy of clinic 1's program", url: () => "/clinic/programs",
    form: (w) => ({ sourceId: w.program1 }), expect: clinicArea(to(/^\/clinic\/programs\/[0-9a-f-]{36}\/edit\?duplicated=1$/, true, true), notFound) },
  { route: "clinic.programs._index", method: "POST", what: "a copy of clinic 2's program", url: () => "/clinic/programs",
    form: (w) => ({ sourceId: w.program2 }), expect: clinicArea(notFound, to(/^\/clinic\/programs\/[0-9a-f-]{36}\/edit\?duplicated=1$/, true, true)) },
  { route: "clinic.programs._index", method: "POST", what: "a copy of a built-in program", url: () => "/clinic/programs",
    form: () => ({ sourceId: "achilles-silbernagel-2007" }), expect: clinicArea(to(/\/edit\?duplicated=1$/, true, true), to(/\/edit\?duplicated=1$/, true, true)) },
  { route: "clinic.programs.new", method: "GET", what: "the new-program form", url: () => "/clinic/programs/new", expect: clinicArea(ok, ok) },
  { route: "clinic.programs.new", method: "POST", what: "a new program", url: () => "/clinic/programs/new", form: (w) => programPosted(w),
    expect: clinicArea(to(/^\/clinic\/programs\/[0-9a-f-]{36}\?saved=1$/, true, true), to(/^\/clinic\/programs\/[0-9a-f-]{36}\?saved=1$/, true, true)) },
  { route: "clinic.programs.$programId._index", method: "GET", what: "clinic 1's program", url: (w) => `/clinic/programs/${w.program1}`, expect: clinicArea(ok, notFound) },
  { route: "clinic.programs.$programId._index", method: "GET", what: "a built-in program", url: () => "/clinic/programs/achilles-silbernagel-2007", expect: clinicArea(ok, ok) },
  { route: "clinic.programs.$programId.edit", method: "GET", what: "the editor of clinic 1's program", url: (w) => `/clinic/programs/${w.program1}/edit`, expect: clinicArea(ok, notFound) },
  { route: "clinic.programs.$programId.edit", method: "POST", what: "a new version of clinic 1's program", url: (w) => `/clinic/programs/${w.program1}/edit`,
    form: (w) => programPosted(w), expect: clinicArea(to((w) => `/clinic/programs/${w.program1}?saved=2`, true, true), notFound) },
  { route: "clinic.programs.$programId.edit", method: "POST", what: "an invalid edit of clinic 1's program", url: (w) => `/clinic/programs/${w.program1}/edit`,
    form: () => ({ name: "" }), expect: clinicArea(invalid, notFound) },
  { route: "clinic.programs.$programId.try", method: "GET", what: "a try-out of clinic 1's program", url: (w) => `/clinic/programs/${w.program1}/try`, expect: clinicArea(ok, notFound) },
  { route: "clinic.programs.$programId.try", method: "GET", what: "a try-out of a built-in program on patient A's history",
    url: (w) => `/clinic/programs/achilles-silbernagel-2007/try${tryQuery(w, w.A.id)}`, expect: clinicArea(ok, notFound) },
  { route: "clinic.programs.$programId.try", method: "GET", what: "a try-out of a built-in program on patient C's history (clinic 2)",
    url: (w) => `/clinic/programs/achilles-silbernagel-2007/try${tryQuery(w, w.C.id)}`, expect: clinicArea(notFound, ok) },

  { route: "clinic.account", method: "GET", what: "their account page", url: () => "/clinic/account", expect: clinicArea(ok, ok) },
  { route: "clinic.account", method: "POST", what: "a password change", url: () => "/clinic/account", form: () => newPasswordForm,
    expect: clinicArea(to("/clinic/account?changed=1", true, true), to("/clinic/account?changed=1", true, true)) },

  // the patient area
  { route: "me.account", method: "GET", what: "their account page", url: () => "/me/account", expect: patientArea(ok, ok) },
  { route: "me.account", method: "POST", intent: "change-password", what: "a password change", url: () => "/me/account", form: () => newPasswordForm,
    expect: patientArea(to("/me/account?changed=1", true, true), to("/me/account?changed=1", true, true)) },
  { route: "me.account", method: "POST", intent: "reminders", what: "their reminder choice", url: () => "/me/account", form: () => ({ intent: "reminders", remindAt: "18:30" }),
    expect: patientArea(to("/me/account?reminders=saved#reminders", true, true), to("/me/account?reminders=saved#reminders", true, true)) },
  { route: "me", method: "GET", what: "the patient layout", url: () => "/me", expect: patientArea(ok, ok) },
  { route: "me._index", method: "GET", what: "their Today page", url: () => "/me", expect: patientArea(ok, ok) },
  { route: "me.log", method: "GET", what: "their daily-log form", url: (w) => `/me/log?date=${w.today}`, expect: patientArea(ok, ok) },
  { route: "me.log", method: "POST", intent: "log", what: "a daily log", url: () => "/me/log",
    form: (w) => validLogForm(w.today, ["heel-raise"], { painDuring: "1" }), expect: patientArea(to(/^\/me\/log\/saved\?date=/, true, true), to(/^\/me\/log\/saved\?date=/, true, true)) },
  { route: "me.log", method: "POST", intent: "log", what: "a daily log carrying patient A's plan id", url: () => "/me/log",
    form: (w) => ({ ...validLogForm(w.today, ["heel-raise"], { painDuring: "1" }), planId: w.planA, patientId: w.A.id }),
    expect: patientArea(to(/^\/me\/log\/saved\?date=/, true, true), to(/^\/me\/log\/saved\?date=/, true, true)) },
  { route: "me.log", method: "POST", intent: "checkin", what: "a morning check-in", url: () => "/me/log",
    form: (w) => ({ intent: "checkin", date: w.today, morningPain: "1", morningStiffness: "1" }), expect: patientArea(to(/checkin=1/, true, true), to(/checkin=1/, true, true)) },
  { route: "me.log_.saved", method: "GET", what: "their own saved-log answer", url: (w, role) => `/me/log/saved?date=${w.today}&decision=${ownPlan(w, role)}`, expect: patientArea(ok, ok) },
  { route: "me.log_.saved", method: "GET", what: "patient A's saved-log answer", url: (w) => `/me/log/saved?date=${w.today}&decision=${w.pendingA}`, expect: patientArea(ok, notFound) },
  { route: "me.log_.saved", method: "GET", what: "clinic 2's saved-log answer", url: (w) => `/me/log/saved?date=${w.today}&decision=${w.latestC}`, expect: patientArea(notFound, notFound) },
  { route: "me.progress", method: "GET", what: "their progress", url: () => "/me/progress", expect: patientArea(ok, ok) },
  { route: "me.history", method: "GET", what: "their history", url: () => "/me/history", expect: patientArea(ok, ok) },
  { route: "me.questionnaires._index", method: "GET", what: "the questionnaire list", url: () => "/me/questionnaires", expect: patientArea(ok, ok) },
  { route: "me.questionnaires.$kind", method: "GET", what: "their LEFS questionnaire", url: () => "/me/questionnaires/lefs", expect: patientArea(ok, ok) },
  { route: "me.questionnaires.$kind", method: "GET", what: "a LEFS page pointing at patient A's saved answer", url: (w) => `/me/questionnaires/lefs?saved=${w.A.measurementIds[0]}`, expect: patientArea(ok, ok) },
  { route: "me.questionnaires.$kind", method: "POST", what: "a LEFS questionnaire", url: () => "/me/questionnaires/lefs", form: lefsForm,
    expect: patientArea(to(/^\/me\/questionnaires\/lefs\?saved=[0-9a-f-]{36}$/, true, true), to(/^\/me\/questionnaires\/lefs\?saved=[0-9a-f-]{36}$/, true, true)) },
  { route: "me.tests", method: "GET", what: "their self-tests", url: () => "/me/tests", expect: patientArea(ok, ok) },
  { route: "me.tests", method: "POST", what: "a self-test result", url: () => "/me/tests",
    form: () => ({ "results.0.measure": "single_leg_heel_raise_reps", "results.0.side": "right", "results.0.value": "11" }),
    expect: patientArea(to("/me/tests?saved=1", true, true), to("/me/tests?saved=1", true, true)) },
  { route: "me.messages", method: "GET", what: "their messages", url: () => "/me/messages", expect: patientArea(ok, ok) },
  { route: "me.messages", method: "POST", what: "a message to their physio", url: () => "/me/messages",
    form: () => ({ messageId: randomUUID(), body: "Can I run on Saturday?" }),
    expect: patientArea(to("/me/messages?sent=1", true, true), to("/me/messages?sent=1", true, true)) },
  { route: "me.export.$format", method: "GET", what: "their own record as CSV", url: () => "/me/export/csv", expect: patientArea(ok, ok) },
  { route: "me.export.$format", method: "GET", what: "their own record as FHIR", url: () => "/me/export/fhir", expect: patientArea(ok, ok) },
];

function flatten(value: unknown, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}${prefix ? "." : ""}${i}`, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}${prefix ? "." : ""}${k}`, out);
  else out[prefix] = value === undefined || value === null ? "" : String(value);
  return out;
}

function describeCell(row: Row, role: Role): string {
  const e = row.expect[role];
  const verb = `${e.allowed ? "can" : "cannot"} ${row.method === "GET" ? "read" : "post"}`;
  const where =
    e.to === undefined
      ? ""
      : ` → ${e.to === "login" ? "sign in" : typeof e.to === "function" ? "the saved program" : String(e.to)}`;
  return `${ROLE_LABEL[role]} ${verb} ${row.what}${row.intent ? ` [${row.intent}]` : ""} (${row.method} ${row.route}: ${e.status}${where})`;
}

// ---------------------------------------------------------------------------------------------------------------
let shared: World;
let cell = 0;
beforeAll(async () => {
  shared = await buildWorld();
}, 120_000);

describe("the access matrix covers every route", () => {
  it("has a row for every loader and action of every route module, and names only real routes", () => {
    const missing: string[] = [];
    for (const [name, mod] of ROUTES) {
      for (const [fn, method] of [
        ["loader", "GET"],
        ["action", "POST"],
      ] as const) {
        if (typeof mod[fn] !== "function") continue;
        if (!MATRIX.some((r) => r.route === name && r.method === method)) missing.push(`${method} ${name}`);
      }
    }
    expect(missing, "routes with no row in the access matrix").toEqual([]);
    const unknown = MATRIX.filter(
      (r) => typeof ROUTES.get(r.route)?.[r.method === "GET" ? "loader" : "action"] !== "function",
    ).map((r) => `${r.method} ${r.route}`);
    expect(unknown, "rows naming a route or method that does not exist").toEqual([]);
    expect(ROUTES.size).toBeGreaterThanOrEqual(26);
  });

  it("covers every intent of every multi-intent action", () => {
    const missing: string[] = [];
    for (const name of ROUTES.keys()) {
      for (const intent of intentsOf(name)) {
        if (!MATRIX.some((r) => r.route === name && r.method === "POST" && r.intent === intent))
          missing.push(`${name} [${intent}]`);
      }
    }
    expect(missing, "intents with no row").toEqual([]);
    const unlisted = routesReadingAnIntent().filter((name) => intentsOf(name).length === 0);
    expect(unlisted, "actions that read an intent but export no …_INTENTS list").toEqual([]);
    expect(intentsOf("clinic.patients.$patientId").length).toBeGreaterThanOrEqual(13);
    // The patient page lists its intents itself (one handler each), so nothing here reads its source.
    const patientPageIntents = ROUTES.get("clinic.patients.$patientId")!.PATIENT_PAGE_INTENTS as readonly string[];
    expect(intentsOf("clinic.patients.$patientId")).toEqual([...patientPageIntents].sort());
  });
});

describe("ids in URLs are not guessable", () => {
  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  it("patients, plans, decisions, measurements and clinic programs have random UUID v4 ids", () => {
    const w = shared;
    const ids = [w.A, w.B, w.C, w.N, w.I].flatMap((p) => [p.id, ...p.planIds, ...p.decisionIds, ...p.measurementIds]);
    ids.push(w.program1, w.program2, w.clinic1.id, w.clinic2.id, w.clinician1.id, w.clinician2.id);
    expect(ids.length).toBeGreaterThan(15);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("every id stored in a table a URL can name is a UUID v4", async () => {
    const db = getDb();
    for (const table of ["app_user", "plan", "decision", "program", "measurement", "daily_log"] as const) {
      const rows = await db.selectFrom(table).select("id").execute();
      for (const row of rows) expect(row.id, `${table}.id`).toMatch(UUID_V4);
    }
  });

  it("invite links carry a 256-bit random token, and only its hash is stored", async () => {
    const token = shared.invitePath.split("/").pop()!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url").length).toBe(32);
    const stored = JSON.stringify(await getDb().selectFrom("invite").selectAll().execute());
    expect(stored).not.toContain(token);
  });
});

describe("access matrix", () => {
  for (const row of MATRIX) {
    for (const role of ROLES) {
      const expected = row.expect[role];
      it(describeCell(row, role), async () => {
        const w = expected.write ? await buildWorld() : shared;
        if (expected.write && row.setup) await row.setup(w);
        const url = row.url(w, role);
        let cookie: string | undefined;
        if (role !== "anonymous") {
          const userId = {
            patientA: w.A.id,
            patientB: w.B.id,
            clinician1: w.clinician1.id,
            clinician2: w.clinician2.id,
          }[role];
          cookie = row.freshSession ? await sessionCookieFor(userId) : w.cookies[role];
        }
        const mod = ROUTES.get(row.route)!;
        const fn = mod[row.method === "GET" ? "loader" : "action"] as (args: unknown) => unknown;
        const request =
          row.method === "GET"
            ? await getRequest(url, { cookie })
            : await postRequest(url, row.form?.(w, role) ?? {}, { cookie });
        const before = await fingerprint();
        const res: RouteResult = await run(fn, request, paramsFor(row.route, url), {
          clientAddress: `198.51.100.${++cell % 250}`,
        });
        const after = await fingerprint();

        // 1. the answer
        expect(res.status, `status of ${row.method} ${url}`).toBe(expected.status);
        if (expected.status === 302) {
          const location = res.headers.get("Location") ?? "";
          const target = typeof expected.to === "function" ? expected.to(w) : expected.to;
          if (target === "login") {
            const u = new URL(url, "http://localhost");
            expect(location).toBe(`/login?${new URLSearchParams({ redirectTo: u.pathname + u.search })}`);
          } else if (target instanceof RegExp) expect(location).toMatch(target);
          else expect(location).toBe(target);
        }
        // 2. writes: none for a role that must not write; an allowed write did write
        if (!expected.allowed) expect(after, "a refused request wrote to the database").toBe(before);
        if (expected.write) expect(after, "an allowed write wrote nothing").not.toBe(before);
        if (row.method === "GET" && !expected.allowed) expect(after).toBe(before);
        // 3. no cross-patient or cross-clinic reads in anything the role gets back
        // (a sign-in redirect echoes the requested URL back to its requester, so it is not a read)
        const location = expected.to === "login" ? "" : (res.headers.get("Location") ?? "");
        const body = `${typeof res.data === "string" ? res.data : JSON.stringify(res.data)}\n${location}`;
        const forbiddenStrings = [
          ...forbiddenFor(role, w),
          ...(expected.allowed && row.alsoForbid ? row.alsoForbid(w) : []),
        ];
        // What the requester sent them (a re-rendered form, an echoed query) is not a read of someone else's data.
        const sent = `${url}\n${Object.values(row.form?.(w, role) ?? {}).join("\n")}`;
        const leaked = forbiddenStrings.filter((s) => s && body.includes(s) && !sent.includes(s));
        expect(leaked, `${ROLE_LABEL[role]} saw another patient's or clinic's data`).toEqual([]);
      });
    }
  }
});
