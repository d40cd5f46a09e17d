import type { DB } from "~/db/client.server.ts";
import { stageAdherenceRule } from "~/engine/index.ts";
import { programOfPlan } from "./evaluation.server.ts";
import { stageDateOf } from "./patient-day.server.ts";
import { todayIn } from "~/utils/dates.ts";

// A plan's program snapshot never changes for a given program id and version, so parsed outlines can be kept.
const outlineCache = new Map<string, Outline>();

/**
 * Program outlines (name, stage ids, names and partial-session credit) for a set of plans, parsing ONE snapshot per distinct
 * program version — plans on the same version carry identical snapshots — and each only once per process.
 */
export async function programOutlines(
  db: DB,
  plans: Array<{ id: string; program_id: string; program_version: number }>,
) {
  const wanted = new Map<string, string>(); // key → a plan id carrying that snapshot
  for (const p of plans) {
    const key = outlineKey(p.program_id, p.program_version);
    if (!outlineCache.has(key) && !wanted.has(key)) wanted.set(key, p.id);
  }
  if (wanted.size > 0) {
    const snapshots = await db
      .selectFrom("plan")
      .select(["program_id", "program_version", "program_snapshot"])
      .where("id", "in", [...wanted.values()])
      .execute();
    for (const s of snapshots) {
      const program = programOfPlan(s);
      outlineCache.set(outlineKey(s.program_id, s.program_version), {
        name: program.name,
        stages: program.stages.map((st) => ({
          id: st.id,
          name: st.name,
          partialCredit: stageAdherenceRule(st, 7).partialCredit,
        })),
      });
    }
  }
  const outlines = new Map<string, Outline>();
  for (const p of plans) {
    const key = outlineKey(p.program_id, p.program_version);
    const outline = outlineCache.get(key);
    if (outline) outlines.set(key, outline);
  }
  return outlines;
}

/** A stage's `partialCredit` is what its adherence gate (or the engine's default) credits a partly done session. */
export type Outline = { name: string; stages: Array<{ id: string; name: string; partialCredit: number }> };
export const outlineKey = (programId: string, version: number) => `${programId}@${version}`;

export type PatientListFilter = { q?: string; status?: "all" | "active" | "paused" | "none" | "ended" | "invited" };

/** The clinic's patients with their current (or latest) plan, in two queries whatever the clinic's size. */
export async function listPatientsForClinic(db: DB, clinicId: string, filter: PatientListFilter = {}) {
  let query = db
    .selectFrom("app_user")
    .innerJoin("patient_profile", "patient_profile.user_id", "app_user.id")
    .leftJoin("plan", (join) =>
      join
        .onRef("plan.patient_id", "=", "app_user.id")
        .on("plan.clinic_id", "=", clinicId)
        // the newest plan of the patient
        .on((eb) =>
          eb(
            "plan.created_at",
            "=",
            eb
              .selectFrom("plan as p2")
              .select((e) => e.fn.max("p2.created_at").as("m"))
              .whereRef("p2.patient_id", "=", "app_user.id"),
          ),
        ),
    )
    .select([
      "app_user.id",
      "app_user.name",
      "app_user.email",
      "patient_profile.joined_at",
      "app_user.time_zone",
      "patient_profile.condition",
      "patient_profile.involved_side",
      "plan.id as plan_id",
      "plan.status as plan_status",
      "plan.current_stage_id",
      "plan.stage_entered_on",
      "plan.program_id",
      "plan.program_version",
    ])
    .where("app_user.clinic_id", "=", clinicId)
    .where("patient_profile.clinic_id", "=", clinicId)
    .where("app_user.role", "=", "patient");
  const q = filter.q?.trim();
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb("app_user.name", "like", like),
        eb("app_user.email", "like", like),
        eb("patient_profile.condition", "like", like),
      ]),
    );
  }
  if (filter.status === "active" || filter.status === "paused") query = query.where("plan.status", "=", filter.status);
  if (filter.status === "none") query = query.where("plan.id", "is", null);
  if (filter.status === "ended") query = query.where("plan.status", "in", ["discharged", "completed"]);
  if (filter.status === "invited") query = query.where("patient_profile.joined_at", "is", null);
  const rows = await query.orderBy("app_user.name").limit(500).execute();
  const outlines = await programOutlines(
    db,
    rows.flatMap((r) =>
      r.plan_id && r.program_id && r.program_version !== null
        ? [{ id: r.plan_id, program_id: r.program_id, program_version: r.program_version }]
        : [],
    ),
  );
  const todayByZone = new Map<string, string>();
  const todayOf = (zone: string) => todayByZone.get(zone) ?? todayByZone.set(zone, todayIn(zone)).get(zone)!;
  return rows.map((r) => {
    const outline =
      r.program_id && r.program_version !== null
        ? outlines.get(outlineKey(r.program_id, r.program_version))
        : undefined;
    const stageIndex = outline ? outline.stages.findIndex((s) => s.id === r.current_stage_id) : -1;
    return {
      id: r.id,
      name: r.name,
      email: r.email,
      invited: !r.joined_at,
      condition: r.condition,
      planStatus: r.plan_status,
      programName: outline?.name ?? null,
      stageNumber: stageIndex >= 0 ? stageIndex + 1 : null,
      stageCount: outline?.stages.length ?? null,
      stageName: stageIndex >= 0 ? outline!.stages[stageIndex]!.name : null,
      // Days in stage on the patient's own today, as their pages and triage count them.
      stage: r.stage_entered_on ? stageDateOf({ stage_entered_on: r.stage_entered_on }, todayOf(r.time_zone)) : null,
    };
  });
}
