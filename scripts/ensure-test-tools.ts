/**
 * First step of `npm test`: make sure the tests have what they need beyond npm packages — a Chromium for the
 * end-to-end tests and PostgreSQL's server programs for the integration tests' throwaway cluster — or stop at once
 * with one line saying what to run. For each, in order: what is already there (CHROMIUM_PATH or a system Chromium;
 * PG_BIN_DIR or an installed PostgreSQL); Playwright's own browser download, where the network allows it; the system
 * package manager when running as root (Debian/Ubuntu apt-get).
 *
 * `--browser` or `--postgres` limits it to one of them (test:e2e needs only the browser).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findChromium } from "../test/support/chromium.ts";
import { findPostgresBin } from "../test/support/postgres-bin.ts";

type Tool = { name: string; debianPackage: string; find: () => string | null; fix: string };

const TOOLS: Record<"browser" | "postgres", Tool> = {
  browser: {
    name: "Chromium (end-to-end tests)",
    debianPackage: "chromium",
    find() {
      const found = findChromium();
      return found && `${found.executablePath ?? "Playwright's own download"} (${found.source})`;
    },
    fix: "run `sudo apt-get install chromium` (or `npx playwright install chromium`), or set CHROMIUM_PATH",
  },
  postgres: {
    name: "PostgreSQL server (integration tests on PostgreSQL)",
    debianPackage: "postgresql",
    find: findPostgresBin,
    fix: "run `sudo apt-get install postgresql`, or set PG_BIN_DIR to the folder holding initdb and pg_ctl",
  },
};

function run(command: string, args: string[], timeoutMs: number) {
  console.log(`$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, {
    stdio: ["ignore", "inherit", "inherit"],
    timeout: timeoutMs,
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

const only = process.argv.slice(2).map((arg) => arg.replace(/^--/, ""));
const wanted = (Object.keys(TOOLS) as (keyof typeof TOOLS)[]).filter((key) => only.length === 0 || only.includes(key));
const missing = () => wanted.filter((key) => !TOOLS[key].find());

// A path given explicitly that does not exist is a mistake to report, never a reason to install something else.
for (const [variable, key] of [
  ["CHROMIUM_PATH", "browser"],
  ["PG_BIN_DIR", "postgres"],
] as const) {
  if (process.env[variable] && wanted.includes(key) && !TOOLS[key].find()) {
    console.error(`${variable}=${process.env[variable]} has no ${TOOLS[key].name}: ${TOOLS[key].fix}.`);
    process.exit(1);
  }
}

if (missing().includes("browser")) {
  // Playwright's download needs its CDN; where only package registries are reachable it fails within seconds.
  console.log("No Chromium found; trying Playwright's browser download…");
  run(process.execPath, ["node_modules/playwright-core/cli.js", "install", "chromium"], 10 * 60_000);
}

const packages = missing().map((key) => TOOLS[key].debianPackage);
if (packages.length > 0 && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
  console.log(`Installing Debian packages: ${packages.join(", ")}…`);
  if (run("apt-get", ["update", "-qq"], 5 * 60_000)) {
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], 10 * 60_000);
  }
}

const stillMissing = missing();
for (const key of stillMissing) console.error(`No ${TOOLS[key].name}: ${TOOLS[key].fix}.`);
if (stillMissing.length > 0) process.exit(1);
for (const key of wanted) console.log(`${TOOLS[key].name}: ${TOOLS[key].find()}`);
