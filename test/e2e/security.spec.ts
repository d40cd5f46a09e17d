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
