import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

/** Where a system Chromium usually lives (Debian/Ubuntu packages, snaps, Google's builds). */
const SYSTEM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

export type FoundBrowser =
  | { source: "CHROMIUM_PATH" | "system"; executablePath: string }
  // Playwright's own download: Playwright picks its binaries itself, so no path is passed on.
  | { source: "playwright"; executablePath: undefined };

/**
 * The Chromium the end-to-end tests drive, in order of preference: CHROMIUM_PATH, a system Chromium, Playwright's
 * own download. Null when there is none (or CHROMIUM_PATH names a file that does not exist: never silently another).
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundBrowser | null {
  const wanted = env.CHROMIUM_PATH;
  if (wanted) return existsSync(wanted) ? { source: "CHROMIUM_PATH", executablePath: wanted } : null;
  const system = SYSTEM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (system) return { source: "system", executablePath: system };
  if (existsSync(chromium.executablePath())) return { source: "playwright", executablePath: undefined };
  return null;
}
