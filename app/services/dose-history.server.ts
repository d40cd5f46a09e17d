import type { DB } from "~/db/client.server.ts";
import type { Plan } from "~/db/types.ts";
import type { PatientRecord } from "~/export/record.ts";
import { doseVersionsOfPlan, PREPARED, type PersonalDoseVersion } from "~/models/personal-dose.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { programOfPlan } from "./evaluation.server.ts";
import { changesBetween } from "./personal-dose-form.server.ts";
import { personalPrescription } from "./personal-prescription.server.ts";

// A plan's personal dose history in words (exports; ADR 056): each version against the dose it replaced — the stay's
// previous version, else the dose prepared for the stage before it, else the program's.

type HistoryEntry = NonNullable<PatientRecord["doseHistory"]>[number];

/** The dose a version replaced: the same stay's previous version, else the stage's latest earlier preparation. */
function baselineOf(version: PersonalDoseVersion, earlier: readonly PersonalDoseVersion[]) {
  const sameStage = earlier.filter((v) => v.stageId === version.stageId).reverse();
  return (
    sameStage.find((v) => v.stageEnteredOn === version.stageEnteredOn) ??
    sameStage.find((v) => v.stageEnteredOn === PREPARED)
  );
}

export async function doseHistoryOfPlans(
  db: DB,
  clinicId: string,
  plans: readonly Plan[],
  timeZone: string,
): Promise<HistoryEntry[]> {
  const perPlan = await Promise.all(plans.map((plan) => doseVersionsOfPlan(db, plan.id)));
  const userIds = [...new Set(perPlan.flat().flatMap((v) => (v.changedBy ? [v.changedBy] : [])))];
  const users = userIds.length
    ? await db
        .selectFrom("app_user")
        .select(["id", "name"])
        .where("clinic_id", "=", clinicId)
        .where("id", "in", userIds)
        .execute()
    : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return plans.flatMap((plan, i) => {
    const program = programOfPlan(plan);
    const versions = perPlan[i]!;
    return versions.flatMap((version, at): HistoryEntry[] => {
      const stage = program.stages.find((s) => s.id === version.stageId);
      if (!stage) return [];
      const before = personalPrescription(stage, baselineOf(version, versions.slice(0, at)));
      const after = personalPrescription(stage, version);
      return changesBetween(before, after).map((c) => ({
        planId: plan.id,
        version: version.version,
        date: todayIn(timeZone, new Date(version.createdAt)),
        recordedAt: version.createdAt,
        stageId: version.stageId,
        prepared: version.stageEnteredOn === PREPARED,
        exercise: c.name,
        from: c.from,
        to: c.to,
        cause: version.cause,
        reason: version.reason,
        changedBy: version.changedBy ? (nameOf.get(version.changedBy) ?? "a clinician") : null,
        changedById: version.changedBy,
      }));
    });
  });
}
