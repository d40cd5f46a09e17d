/** Whether a database error is a unique-constraint violation (SQLite or PostgreSQL), e.g. a double submit's loser. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code === "23505") return true; // PostgreSQL unique_violation
  return code === "SQLITE_CONSTRAINT" && error.message.includes("UNIQUE constraint failed");
}
