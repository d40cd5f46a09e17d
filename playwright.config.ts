import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./test/support/chromium.ts";

// End-to-end tests drive a real Chromium (CHROMIUM_PATH, a system one, or Playwright's own: scripts/ensure-browser.ts
// gets one first) against the built app on a fresh SQLite file seeded with the demo clinic.
const port = Number(process.env.E2E_PORT ?? 3210);

export default defineConfig({
  testDir: "test/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "off",
    launchOptions: {
      executablePath: findChromium()?.executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node --import tsx test/e2e/server.ts",
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { E2E_PORT: String(port) },
  },
});
