import { COMPARATOR_SYMBOL as OP } from "~/engine/compare.ts";
import { resolvePainLimit } from "~/engine/criteria/pain.ts";
import { measureName, questionnaireName, type Criterion, type PainModel } from "~/engine/index.ts";

const count = (n: number | undefined, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
const win = (w: { days?: number; sessions?: number }) =>
  `last ${w.sessions !== undefined ? count(w.sessions, "session") : count(w.days, "day")}`;

/**
 * A one-line reading of a criterion for the program page (the engine writes the full wording in decisions). A pain
 * criterion's limit and direction are the engine's (`resolvePainLimit`): a gate asks for pain within the limit, a
 * regress rule fires on pain beyond it.
 */
export function describeCriterion(c: Criterion, role: "gate" | "regress", painModel: PainModel): string {
  if (c.label) return c.label;
  switch (c.kind) {
    case "pain": {
      const limit = resolvePainLimit(c, painModel, role);
      const rule = limit
        ? `${OP[limit.comparator]} ${limit.threshold}${limit.fromModel ? " (the pain model's limit)" : ""}`
        : "(no limit set)";
      return `Pain ${c.metric.replace("_", " ")} (${c.aggregate}, ${win(c.window)}) ${rule}`;
    }
    case "capacity":
      return `${measureName(c.measure)} ${c.mode === "lsi" ? "limb symmetry" : c.mode.replace(/_/g, " ")} ${OP[c.comparator]} ${c.threshold}${c.mode === "lsi" ? " %" : c.unit ? ` ${c.unit}` : ""}`;
    case "questionnaire":
      return `${questionnaireName(c)} ${c.mode === "change_from_baseline" ? "change " : ""}${OP[c.comparator]} ${c.threshold}`;
    case "time":
      return `${c.days} days since ${c.from.replace("_", " ")}`;
    case "adherence":
      return `Sessions done ${OP[c.comparator ?? "gte"]} ${c.threshold} % over ${c.windowDays} days`;
    case "signoff":
      return `Clinician signs off: ${c.prompt}`;
    case "swelling":
      return `Swelling (${c.aggregate}, ${win(c.window)}) ${OP[c.comparator]} ${c.grade}`;
    case "settle":
      return `Symptoms settle (${win(c.window)})`;
    case "trend":
      return `${c.metric.replace("_", " ")} not rising week on week`;
    case "repetitions":
      return `${c.count} sessions meeting the conditions`;
    case "soreness":
      return `Soreness: ${c.levels.join(", ").replace(/_/g, " ")}`;
    case "dose_done":
      return `Prescribed dose done in each of the last ${count(c.sessions, "session")}${c.exerciseId ? ` (${c.exerciseId})` : ""}`;
  }
}
