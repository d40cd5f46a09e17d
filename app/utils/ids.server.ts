import { randomBytes, randomUUID } from "node:crypto";

/** Random, unguessable ids for rows that appear in URLs. */
export function newId(): string {
  return randomUUID();
}

/** A URL-safe secret token (invites). Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}
