import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as invitePage from "~/routes/invite.$token.tsx";
import * as linkPage from "~/routes/login_.link.tsx";
import * as signInPage from "~/routes/sign-in.$token.tsx";
import { reissueInvite } from "~/services/patient-enrolment.server.ts";
import { settleSignInLinkDeliveries, signInWithLink, SIGN_IN_LINK } from "~/services/sign-in-link.server.ts";
import { getOptionalUser } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { closeMailTransport } from "~/utils/email.server.ts";
import { resetEnvCache } from "~/utils/env.server.ts";
import { createClinic, createClinician, createPatient } from "../support/factories.ts";
import { getRequest, postRequest, run } from "../support/requests.ts";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../support/smtp-sink.ts";

// Sign-in links travel through a real SMTP conversation with a server on 127.0.0.1 and are read back with
// mailparser, then used through the routes as a browser would.

let sink: SmtpSink;
let clinicId: string;
let clinicianId: string;
let clinicianEmail: string;
let addressCounter = 0;

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  resetEnvCache();
  const db = getDb();
  const clinic = await createClinic(db, "Harbour Physio");
  clinicId = clinic.id;
  const clinician = await createClinician(db, clinic.id);
  clinicianId = clinician.id;
  clinicianEmail = clinician.email;
});

afterAll(async () => {
  await settleSignInLinkDeliveries();
  closeMailTransport();
  await sink.close();
  delete process.env.SMTP_URL;
  resetEnvCache();
});

beforeEach(() => {
  sink.duringReceive(null);
});

/** Each test asks from its own client address, so the per-address limit of one test never holds another's. */
function freshAddress() {
  addressCounter += 1;
  return { clientAddress: `203.0.113.${addressCounter}` };
}

async function askForLink(email: string, context = freshAddress()) {
  return run(linkPage.action, await postRequest("/login/link", { email }), {}, context);
}

function mailsTo(address: string): ReceivedMail[] {
  return sink.received.filter((m) => m.envelopeTo.includes(address));
}

function linkIn(mail: ReceivedMail): string {
  const match = /https?:\/\/\S+\/sign-in\/[A-Za-z0-9_-]+/.exec(mail.parsed.text ?? "");
  expect(match, "the text part carries the sign-in link").not.toBeNull();
  return match![0];
}

const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;

async function openLink(url: string) {
  return run(signInPage.loader, await getRequest(new URL(url).pathname), { token: tokenOf(url) });
}

async function useLink(url: string) {
  return run(signInPage.action, await postRequest(new URL(url).pathname, {}), { token: tokenOf(url) });
}

async function newPatient(options: { withPassword?: boolean; name?: string } = {}) {
  return createPatient(getDb(), clinicId, clinicianId, { name: options.name ?? "Morgan Linkwell", ...options });
}

describe("a patient asks for a sign-in link", () => {
  it("is emailed a link that signs them in once, then says it was used and signs nobody in", async () => {
    const patient = await newPatient();
    const asked = await askForLink(patient.email.toUpperCase());
    expect(asked.status).toBe(200);
    expect(asked.data).toMatchObject({ ok: true, sentTo: patient.email.toUpperCase() });
    await settleSignInLinkDeliveries();

    const [mail, ...more] = mailsTo(patient.email);
    expect(more).toEqual([]);
    expect(mail!.parsed.subject).toBe("Your Stagewise sign-in link");
    expect(mail!.parsed.from?.value[0]?.name).toBe("Harbour Physio via Stagewise");
    expect(mail!.parsed.text).toContain(`works once and for ${SIGN_IN_LINK.validMinutes} minutes`);
    expect(String(mail!.parsed.html)).toMatch(/>Sign in to Stagewise<\/a>/);
    for (const part of [mail!.parsed.subject, mail!.parsed.text, String(mail!.parsed.html)]) {
      expect(part).not.toMatch(/achilles|tendinopathy|right/i);
    }
    expect(mail!.raw.toString()).not.toMatch(/List-Unsubscribe/i);
    const link = linkIn(mail!);

    // Opening the link (as a mail scanner would) signs nobody in and does not use it up.
    const opened = await openLink(link);
    expect(opened.data.link).toEqual({ state: "usable", name: "Morgan Linkwell" });
    expect(opened.headers.get("Set-Cookie")).toBeNull();
    expect((await openLink(link)).data.link.state).toBe("usable");

    const used = await useLink(link);
    expect(used.status).toBe(302);
    expect(used.headers.get("Location")).toBe("/me");
    const cookie = used.headers.get("Set-Cookie")!.split(";")[0]!;
    const signedIn = await getOptionalUser(new Request("http://localhost/me", { headers: { Cookie: cookie } }));
    expect(signedIn?.id).toBe(patient.id);

    const again = await useLink(link);
    expect(again.status).toBe(410);
    expect(again.data.link).toEqual({ state: "used" });
    expect(again.headers.get("Set-Cookie")).toBeNull();
    expect((await openLink(link)).data.link).toEqual({ state: "used" });

    const audit = await getDb()
      .selectFrom("audit_event")
      .select(["action", "detail"])
      .where("entity_id", "=", patient.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["patient.sign_in_link_emailed", "patient.signed_in_by_link"]);
    expect(JSON.stringify(audit)).not.toContain(tokenOf(link));
  });

  it("signs in a patient who never set a password (an invitee can join without one)", async () => {
    const patient = await newPatient({ withPassword: false, name: "Nova Nopassword" });
    await askForLink(patient.email);
    await settleSignInLinkDeliveries();
    const link = linkIn(mailsTo(patient.email)[0]!);
    const used = await useLink(link);
    expect(used.status).toBe(302);
    expect(used.headers.get("Location")).toBe("/me");
  });

  it("refuses a link after its 15 minutes, without signing in", async () => {
    const patient = await newPatient();
    await askForLink(patient.email);
    await settleSignInLinkDeliveries();
    const token = tokenOf(linkIn(mailsTo(patient.email)[0]!));
    const later = new Date(Date.now() + (SIGN_IN_LINK.validMinutes * 60 + 5) * 1000);
    expect(await signInWithLink(getDb(), token, later)).toEqual({ ok: false, reason: "expired" });
    // Still unused: within its time it works.
    expect(await signInWithLink(getDb(), token)).toMatchObject({ ok: true, userId: patient.id });
  });

  it("once one link is used, the patient's other open links stop working", async () => {
    const patient = await newPatient();
    const context = freshAddress();
    await askForLink(patient.email, context);
    await askForLink(patient.email, context);
    await settleSignInLinkDeliveries();
    const [first, second] = mailsTo(patient.email).map(linkIn);
    expect(first).not.toBe(second);
    expect((await useLink(second!)).status).toBe(302);
    const stale = await useLink(first!);
    expect(stale.status).toBe(410);
    expect(stale.data.link.state).toBe("used");
  });

  it("a made-up link is refused with a clear message", async () => {
    const res = await useLink("http://localhost/sign-in/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect(res.status).toBe(410);
    expect(res.data.link).toEqual({ state: "unknown" });
    expect((await openLink("http://localhost/sign-in/nope")).data.link).toEqual({ state: "unknown" });
  });
});

describe("the answer does not tell who has an account", () => {
  it("answers an unknown address and a clinician's address exactly as a patient's, and mails neither", async () => {
    const patient = await newPatient();
    const unknown = `nobody-${Date.now()}@example.test`;
    const answers = [];
    for (const email of [patient.email, unknown, clinicianEmail]) {
      const res = await askForLink(email);
      answers.push({ status: res.status, data: { ...res.data, sentTo: undefined, values: undefined } });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    await settleSignInLinkDeliveries();
    expect(mailsTo(patient.email)).toHaveLength(1);
    expect(mailsTo(unknown)).toHaveLength(0);
    expect(mailsTo(clinicianEmail)).toHaveLength(0);
  });

  it("answers before the mail is sent, so a slow SMTP server does not show in the answer's time", async () => {
    const patient = await newPatient();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    sink.duringReceive(() => held);
    const started = performance.now();
    const res = await askForLink(patient.email);
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(mailsTo(patient.email)).toHaveLength(0); // still in the SMTP conversation
    release();
    await settleSignInLinkDeliveries();
    expect(mailsTo(patient.email)).toHaveLength(1);
    expect(elapsed).toBeLessThan(1000);
  });

  it("asks for a valid email address, keeping what was typed", async () => {
    const res = await askForLink("not-an-address");
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors.email).toMatch(/valid email address/);
    expect(res.data.values.email).toBe("not-an-address");
  });
});

describe("asking for links is rate-limited", () => {
  it(`mails at most ${SIGN_IN_LINK.perEmail} links to one address in ${SIGN_IN_LINK.windowMinutes} minutes, even from many addresses`, async () => {
    const patient = await newPatient();
    const statuses = [];
    for (let i = 0; i < SIGN_IN_LINK.perEmail + 1; i++) statuses.push((await askForLink(patient.email)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await askForLink(patient.email);
    expect(refused.headers.get("Retry-After")).toBe(String(SIGN_IN_LINK.windowMinutes * 60));
    expect(refused.data.formError).toMatch(/Too many sign-in links.*wait 15 minutes/);
    await settleSignInLinkDeliveries();
    expect(mailsTo(patient.email)).toHaveLength(SIGN_IN_LINK.perEmail);

    // The same limit for an address nobody has: the 429 tells nothing either.
    const unknown = `nobody-limit-${Date.now()}@example.test`;
    const unknownStatuses = [];
    for (let i = 0; i < SIGN_IN_LINK.perEmail + 1; i++) unknownStatuses.push((await askForLink(unknown)).status);
    expect(unknownStatuses).toEqual([200, 200, 200, 429]);
  });

  it(`lets one client address ask for at most ${SIGN_IN_LINK.perAddress} links in the window`, async () => {
    const context = freshAddress();
    const statuses = [];
    for (let i = 0; i <= SIGN_IN_LINK.perAddress; i++) {
      statuses.push((await askForLink(`spray-${i}-${Date.now()}@example.test`, context)).status);
    }
    expect(statuses.slice(0, SIGN_IN_LINK.perAddress).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("a burst of parallel requests for one address cannot get past the limit", async () => {
    const patient = await newPatient();
    const results = await Promise.all(Array.from({ length: 8 }, () => askForLink(patient.email)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(SIGN_IN_LINK.perEmail);
    await settleSignInLinkDeliveries();
    expect(mailsTo(patient.email)).toHaveLength(SIGN_IN_LINK.perEmail);
  });
});

describe("joining from the invite without a password", () => {
  it("signs the invitee in, uses up the invite, and later sign-ins come by emailed link", async () => {
    const patient = await newPatient({ withPassword: false, name: "Ivy Nopassword" });
    const invitePath = await reissueInvite(
      getDb(),
      { id: clinicianId, clinic_id: clinicId, role: "clinician" },
      patient.id,
    );
    const token = invitePath.split("/").pop()!;
    const join = () =>
      postRequest(invitePath, { intent: "join-without-password" }).then((request) =>
        run(invitePage.action, request, { token }),
      );

    const joined = await join();
    expect(joined.status).toBe(302);
    expect(joined.headers.get("Location")).toBe("/me");
    const cookie = joined.headers.get("Set-Cookie")!.split(";")[0]!;
    const user = await getOptionalUser(new Request("http://localhost/me", { headers: { Cookie: cookie } }));
    expect(user?.id).toBe(patient.id);
    const stored = await getDb()
      .selectFrom("app_user")
      .select("password_hash")
      .where("id", "=", patient.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toBeNull();

    // The invite worked once.
    const again = await join();
    expect(again.status).toBe(410);
    expect(again.data.formError).toMatch(/expired or was already used/);
    expect(again.headers.get("Set-Cookie")).toBeNull();
    const page = await run(invitePage.loader, await getRequest(invitePath), { token });
    expect(page.data.invite).toBeNull();

    // Next time: a sign-in link.
    await askForLink(patient.email);
    await settleSignInLinkDeliveries();
    expect((await useLink(linkIn(mailsTo(patient.email)[0]!))).headers.get("Location")).toBe("/me");
    const audit = await getDb()
      .selectFrom("audit_event")
      .select("action")
      .where("entity_id", "=", patient.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain("patient.joined_without_password");
  });
});
