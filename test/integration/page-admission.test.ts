import { type AddressInfo, connect } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { clinicPagesInTurn } from "../../server/page-admission.ts";

// server/page-admission.ts over real HTTP: clinicians' pages take turns, a patient's save never waits for them.
describe("clinicians' pages are rendered a few at a time; saves never queue behind them", () => {
  let close: () => Promise<void> = async () => undefined;
  afterEach(() => close());

  /** An app whose /clinic/held page answers only when released; every other route answers at once. */
  async function start(concurrency: number) {
    const held: (() => void)[] = [];
    const app = express();
    app.use(clinicPagesInTurn(concurrency));
    app.get("/clinic/held", (_req, res) => void held.push(() => res.send("held page")));
    app.get("/clinic/patients", (_req, res) => void res.send("patients page"));
    app.post("/me/log", (_req, res) => void res.send("saved"));
    app.get("/me", (_req, res) => void res.send("today"));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    close = () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const connections = () => new Promise<number>((resolve) => server.getConnections((_e, n) => resolve(n)));
    return { base, held, connections, releaseFirst: () => held.shift()!() };
  }

  const settled = async <T>(p: Promise<T>, ms = 300) =>
    Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

  it("a clinician's page waits while another is being rendered, and is served as soon as that one is done", async () => {
    const app = await start(1);
    const first = fetch(`${app.base}/clinic/held`);
    await expect.poll(() => app.held.length).toBe(1);
    const second = fetch(`${app.base}/clinic/patients`).then((r) => r.text());
    expect(await settled(second)).toBe(false);
    app.releaseFirst();
    expect(await (await first).text()).toBe("held page");
    expect(await second).toBe("patients page");
  });

  it("a patient's save and a patient's page are answered while clinicians' pages are queued", async () => {
    const app = await start(1);
    const first = fetch(`${app.base}/clinic/held`);
    await expect.poll(() => app.held.length).toBe(1);
    const queued = fetch(`${app.base}/clinic/patients`);
    const save = await fetch(`${app.base}/me/log`, { method: "POST" });
    expect(await save.text()).toBe("saved");
    expect(await (await fetch(`${app.base}/me`)).text()).toBe("today");
    app.releaseFirst();
    await first;
    await queued;
  });

  it("a clinician who gives up while queued frees the turn for the next one", async () => {
    const app = await start(1);
    const first = fetch(`${app.base}/clinic/held`);
    await expect.poll(() => app.held.length).toBe(1);
    // A client that sends its request and hangs up while it is queued.
    const port = Number(new URL(app.base).port);
    const leaving = connect(port, "127.0.0.1", () => leaving.write("GET /clinic/held HTTP/1.1\r\nHost: x\r\n\r\n"));
    await expect.poll(() => app.connections()).toBe(2);
    leaving.destroy();
    await expect.poll(() => app.connections()).toBe(1); // the server has seen the client go
    app.releaseFirst();
    await first;
    // The page nobody waits for any more is never rendered, and the next one is served at once.
    const next = fetch(`${app.base}/clinic/patients`).then((r) => r.text());
    expect(await settled(next, 2_000)).toBe(true);
    expect(app.held).toHaveLength(0);
  });

  it("serves as many pages at once as it is allowed", async () => {
    const app = await start(2);
    const pages = [fetch(`${app.base}/clinic/held`), fetch(`${app.base}/clinic/held`)];
    await expect.poll(() => app.held.length).toBe(2);
    app.releaseFirst();
    app.releaseFirst();
    await Promise.all(pages);
  });
});
