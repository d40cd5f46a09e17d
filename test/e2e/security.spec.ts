import { expect, test } from "@playwright/test";
import { DEMO } from "./support.ts";

test("pages carry a nonce-based Content-Security-Policy and the other security headers", async ({ request }) => {
  const res = await request.get("/login");
  const headers = res.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
  // The nonce in the header is the one on the page's inline scripts, and differs per response.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(await res.text()).toContain(`nonce="${nonce}"`);
  const again = (await request.get("/login")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);
});

test("a sign-in posted from another site is refused before it reaches the app", async ({ request }) => {
  const res = await request.post("/login", {
    form: { email: DEMO.clinician, password: DEMO.password },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(res.headers()["set-cookie"]).toBeUndefined();
});

test("the same sign-in from our own origin works", async ({ request, baseURL }) => {
  const res = await request.post("/login", {
    form: { email: DEMO.clinician, password: DEMO.password },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(302);
  expect(res.headers()["set-cookie"]).toMatch(/__stagewise_session=/);
});

test("pages and data requests with patient data are never cached", async ({ request, baseURL }) => {
  const signIn = await request.post("/login", {
    form: { email: DEMO.patient, password: DEMO.password },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(signIn.status()).toBe(302);
  for (const path of ["/me", "/me.data", "/me/history", "/me/export/csv"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    expect(res.headers()["cache-control"], path).toBe("no-store");
  }
});

test("a request body of several MB is refused before the app reads it", async ({ request, baseURL }) => {
  // Raw socket: declare a 5 MB form, send only its first 64 KB, and the answer must already be there — the server
  // refuses on the declared length and closes the connection instead of reading (and buffering) the rest.
  const { connect } = await import("node:net");
  const url = new URL("/login", baseURL);
  const size = 5 * 1024 * 1024;
  const started = Date.now();
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(
        `POST /login HTTP/1.1\r\nHost: ${url.host}\r\nOrigin: ${url.origin}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${size}\r\n\r\n`,
      );
      socket.write(Buffer.alloc(64 * 1024, "x"));
    });
    let text = "";
    socket.on("data", (d) => (text += d.toString("latin1")));
    socket.on("close", () => resolve(text));
    socket.on("error", () => resolve(text));
    setTimeout(() => reject(new Error(`no answer; got ${JSON.stringify(text.slice(0, 200))}`)), 5_000);
  });
  expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  expect(answer.toLowerCase()).toContain("connection: close");
  expect(Date.now() - started).toBeLessThan(5_000);
  // An ordinary form still goes through.
  const ok = await request.post("/login", {
    form: { email: DEMO.clinician, password: DEMO.password },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(ok.status()).toBe(302);
});
