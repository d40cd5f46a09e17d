import { createHmac } from "node:crypto";
import { getEnv } from "./env.server.ts";

/**
 * An invite's one-time token, derived from its row id with the server's secret. The database keeps only the token's
 * hash (a copy of it cannot make links), yet the app can show the same link again until it is used or replaced:
 * the clinician copies it from the patient's page (docs/decisions/049-notes-and-flag-reviews.md).
 */
export function inviteTokenFor(inviteId: string): string {
  return createHmac("sha256", getEnv().SESSION_SECRET).update(`invite:${inviteId}`).digest("base64url");
}
