/**
 * The mixed scenario of `npm run bench`: patients saving their daily log while clinicians browse, on one server in one
 * run. Each simulated user is one keep-alive connection that sends its next request as soon as the last one answered
 * (closed loop, like autocannon's connections). Latencies are kept per request kind, so the saves' p95 under the mix
 * can be set beside their p95 alone.
 */
import http from "node:http";

export type Script = {
  kind: "save" | "browse";
  cookie: string;
  /** The next request of this user (path, method, body); called once per request. */
  next: (i: number) => { path: string; method: "GET" | "POST"; body?: string };
};

export type KindFigures = { requests: number; p50: number; p95: number; p99: number; errors: number };

export async function driveMix(
  base: string,
  scripts: Script[],
  seconds: number,
): Promise<Record<"save" | "browse", KindFigures>> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: scripts.length });
  const latencies: Record<"save" | "browse", number[]> = { save: [], browse: [] };
  const errors = { save: 0, browse: 0 };
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    scripts.map(async (script) => {
      for (let i = 0; performance.now() < until; i++) {
        const request = script.next(i);
        const started = performance.now();
        const status = await send(agent, url, script.cookie, request).catch(() => 0);
        // A save answers 302 (back to Today); a page 200. Anything else counts as an error.
        const ok = request.method === "POST" ? status === 302 : status === 200;
        if (!ok) errors[script.kind]++;
        latencies[script.kind].push(performance.now() - started);
      }
    }),
  );
  agent.destroy();
  return { save: figures(latencies.save, errors.save), browse: figures(latencies.browse, errors.browse) };
}

function send(
  agent: http.Agent,
  url: URL,
  cookie: string,
  request: { path: string; method: "GET" | "POST"; body?: string },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: request.path,
        method: request.method,
        headers: {
          cookie,
          ...(request.method === "POST"
            ? { "content-type": "application/x-www-form-urlencoded", origin: url.origin }
            : {}),
        },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(request.body);
  });
}

function figures(values: number[], errors: number): KindFigures {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { requests: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors };
}
