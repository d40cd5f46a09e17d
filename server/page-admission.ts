import type { NextFunction, Request, Response } from "express";
import pLimit from "p-limit";

/**
 * Clinicians' pages are rendered a few at a time; everything else (a patient's save above all) never waits here.
 *
 * Why: one event loop serves both. A triage or patient page is 7–15 ms of synchronous rendering; a save is a handful
 * of short turns of the loop. With many clinicians' pages in flight, each of a save's turns queued behind their
 * renders, and saves under a busy clinic took seconds (issue 17, docs/performance.md, ADR 060). Queued pages wait in
 * order of arrival; a page holds its turn until its response has been sent (or the client has gone).
 */
export function clinicPagesInTurn(concurrency: number) {
  const limit = pLimit(concurrency);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" || !isClinicPath(req.path)) return next();
    // Closed = answered, or the client went away (possibly while still queued: then its turn passes on at once).
    const closed = new Promise<void>((resolve) => res.once("close", resolve));
    let gone = false;
    void closed.then(() => (gone = true));
    void limit(() => {
      if (gone) return;
      next();
      return closed;
    });
  };
}

const isClinicPath = (path: string) => path === "/clinic" || path.startsWith("/clinic/");
