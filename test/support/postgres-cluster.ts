import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { findPostgresBin } from "./postgres-bin.ts";

// A throwaway PostgreSQL cluster on a loopback port for the integration tests (issue 8: same tests, both databases).
// initdb refuses to run as root, so the cluster belongs to the `postgres` system user when we are root.

export type Cluster = { adminUrl: string; stop: () => void };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

function asPostgres(args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  const [cmd, ...rest] = isRoot ? ["runuser", "-u", "postgres", "--", ...args] : args;
  const result = spawnSync(cmd!, rest, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${args[0]} failed: ${result.stderr || result.stdout}`);
}

export async function startCluster(): Promise<Cluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error("No PostgreSQL server programs found: run `npm run test:tools`, or set PG_BIN_DIR.");
  const dir = mkdtempSync(path.join(os.tmpdir(), "stagewise-pg-"));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = path.join(dir, "data");
  const port = await freePort();
  asPostgres([`${bin}/initdb`, "-D", data, "-U", "app", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  asPostgres([
    `${bin}/pg_ctl`,
    "-w",
    "-D",
    data,
    "-l",
    path.join(dir, "log"),
    "start",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
  ]);
  return {
    adminUrl: `postgres://app@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        asPostgres([`${bin}/pg_ctl`, "-w", "-D", data, "-m", "immediate", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
