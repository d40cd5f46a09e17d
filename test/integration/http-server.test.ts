import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp, createHttpServer, SERVER_TIMEOUTS } from "../../server/app.ts";
import { echoBuild } from "../support/echo-build.ts";

// The real HTTP layer (server/app.ts: middleware and Node server options) around a build of stand-in routes.
describe("pages with patient data are never cached", () => {
  const server = createHttpServer(createHttpApp(echoBuild, "public/build", false));
  let base = "";
  beforeAll(async () => {
    server.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("sends Cache-Control: no-store on /clinic, /me, invite, sign-in and unsubscribe pages, data requests and downloads", async () => {
    const paths = ["/clinic/patients", "/clinic/patients.data", "/me/export/csv", "/invite/abc", "/sign-in/abc"];
    for (const path of [...paths, "/unsubscribe/abc"]) {
      const res = await fetch(base + path);
      await res.arrayBuffer();
      // Even where a loader asked for caching (/clinic/patients says max-age=600), no-store is all that is sent.
      expect(res.headers.get("Cache-Control"), path).toBe("no-store");
    }
    const login = await fetch(`${base}/login`);
    await login.arrayBuffer();
    expect(login.headers.get("Cache-Control")).not.toBe("no-store");
  });
});

describe("slow clients are cut off in seconds", () => {
  it("uses seconds-long header and request timeouts, checked every second", () => {
    const server = createHttpServer(createHttpApp(echoBuild, "public/build", false));
    expect(server.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeout);
    expect(server.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeout);
    expect(SERVER_TIMEOUTS.headersTimeout).toBeLessThanOrEqual(10_000);
    expect(SERVER_TIMEOUTS.requestTimeout).toBeLessThanOrEqual(20_000);
  });

  /** Opens a raw connection, sends `partial`, and resolves with what the server answered and when it closed. */
  async function trickle(partial: string, timeouts: { headersTimeout: number; requestTimeout: number }) {
    const server = createHttpServer(createHttpApp(echoBuild, "public/build", false), {
      ...timeouts,
      connectionsCheckingInterval: 250,
    });
    server.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const started = performance.now();
    try {
      return await new Promise<{ answer: string; seconds: number }>((resolve, reject) => {
        const socket = connect((server.address() as AddressInfo).port, "127.0.0.1", () => socket.write(partial));
        let answer = "";
        socket.on("data", (chunk) => (answer += chunk.toString()));
        socket.on("close", () => resolve({ answer, seconds: (performance.now() - started) / 1000 }));
        socket.on("error", reject);
        setTimeout(() => reject(new Error("the server never closed the connection")), 15_000);
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it("a client that never finishes its headers gets 408 and is disconnected", async () => {
    const { answer, seconds } = await trickle("GET /login HTTP/1.1\r\nHost: x\r\n", {
      headersTimeout: 1_000,
      requestTimeout: 2_000,
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(seconds).toBeLessThan(3);
  });

  it("a client that never finishes its body gets 408 and is disconnected", async () => {
    const { answer, seconds } = await trickle(
      "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=",
      { headersTimeout: 1_000, requestTimeout: 2_000 },
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(seconds).toBeLessThan(4);
  });
});
