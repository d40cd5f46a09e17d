import { getDb } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { sweepReminders } from "./reminder.server.ts";

/**
 * Runs the reminder sweep every minute in this process (server/start.ts starts it and stops it on shutdown). This is
 * all the scheduling there is: no queue, no job table beyond the claims; every instance runs its own and the claims
 * keep them from sending twice (docs/decisions/050-reminder-sweep.md). A sweep never overlaps the one before.
 */
export function startReminderSweep(options: { intervalMs?: number; baseUrl: string }): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = sweepReminders(getDb(), { baseUrl: options.baseUrl })
      .then((report) => {
        if (report.sent || report.failed) console.log(`reminders: ${report.sent} sent, ${report.failed} failed`);
      })
      .catch((error: unknown) =>
        console.error(`reminders: sweep failed (${error instanceof Error ? error.message : error})`),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** Where links in reminder emails point: APP_URL, or this server on localhost. */
export function publicBaseUrl(): string {
  const env = getEnv();
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}
