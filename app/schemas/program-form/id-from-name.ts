/**
 * An id made from a name ("Single-leg decline squat" → "single-leg-decline-squat"), so the clinician never types one.
 * Ids are keys the log and criteria refer to; they are not shown on screen.
 */
export function idFromName(name: string, fallback: string): string {
  const id = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return id || fallback;
}
