import type { Migration } from "kysely";
import * as initial from "./20261121T0900-initial.ts";
import * as caseloadIndexes from "./20261121T1400-caseload-indexes.ts";
import * as latestDecisionIndex from "./20261122T0900-latest-decision-index.ts";
import * as decisionStatusIndex from "./20261122T1000-decision-status-index.ts";
import * as signInThrottle from "./20261207T1500-sign-in-throttle.ts";
import * as planVersion from "./20261207T1600-plan-version.ts";
import * as notesAndFlagReviews from "./20261207T1700-notes-and-flag-reviews.ts";
import * as personalDose from "./20261207T1700-personal-dose.ts";
import * as signInLinksAndReminders from "./20261207T1700-sign-in-links-and-reminders.ts";
import * as messages from "./20261207T1800-messages.ts";
import * as patientJoined from "./20261207T1900-patient-joined.ts";
import * as doseChanges from "./20261207T2000-dose-changes.ts";

// Explicit list instead of a directory scan: works the same under tsx, vitest and bundlers.
// Names are timestamps, so Kysely's alphabetical order is the order they were written.
export const migrations: Record<string, Migration> = {
  "20261121T0900-initial": initial,
  "20261121T1400-caseload-indexes": caseloadIndexes,
  "20261122T0900-latest-decision-index": latestDecisionIndex,
  "20261122T1000-decision-status-index": decisionStatusIndex,
  "20261207T1500-sign-in-throttle": signInThrottle,
  "20261207T1600-plan-version": planVersion,
  "20261207T1700-notes-and-flag-reviews": notesAndFlagReviews,
  "20261207T1700-personal-dose": personalDose,
  "20261207T1700-sign-in-links-and-reminders": signInLinksAndReminders,
  "20261207T1800-messages": messages,
  "20261207T1900-patient-joined": patientJoined,
  "20261207T2000-dose-changes": doseChanges,
};
