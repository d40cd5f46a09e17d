import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { parseTrustProxy } from "~/utils/env.server.ts";
import { createHttpApp } from "../../server/app.ts";
import { echoBuild as build } from "../support/echo-build.ts";

// The real HTTP app (server/app.ts) around a build whose /ip loader echoes the load context, so the test sees
// exactly the client address the sign-in throttle would count against.
async function clientAddressSeen(trustProxy: string | undefined, headers: Record<string, string>): Promise<string> {
  const server = createHttpApp(build, "public/build", parseTrustProxy(trustProxy)).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/ip`, { headers });
    expect(res.status).toBe(200);
    return ((await res.json()) as { clientAddress: string }).clientAddress;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("the client address the throttle counts against", () => {
  it("ignores X-Forwarded-For when no proxy is trusted (the default)", async () => {
    const seen = await clientAddressSeen(undefined, { "X-Forwarded-For": "203.0.113.7" });
    expect(seen).toMatch(/127\.0\.0\.1$/);
  });

  it("reads X-Forwarded-For only through the proxies TRUST_PROXY names", async () => {
    // The socket is loopback: trusted as a proxy, it may name the client.
    expect(await clientAddressSeen("loopback", { "X-Forwarded-For": "203.0.113.7" })).toBe("203.0.113.7");
    expect(await clientAddressSeen("1", { "X-Forwarded-For": "198.51.100.1, 203.0.113.7" })).toBe("203.0.113.7");
    // A list naming some other proxy does not make loopback trusted.
    expect(await clientAddressSeen("10.0.0.0/8", { "X-Forwarded-For": "203.0.113.7" })).toMatch(/127\.0\.0\.1$/);
  });

  it("refuses a TRUST_PROXY that would believe anyone, or that it cannot read", () => {
    expect(() => parseTrustProxy("true")).toThrow(/any X-Forwarded-For/);
    expect(() => parseTrustProxy("proxy.example")).toThrow(/not an address/);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("loopback, 10.1.0.0/16")).toEqual(["loopback", "10.1.0.0/16"]);
  });
});
