import type { DB } from "~/db/client.server.ts";
import type { Plan } from "~/db/types.ts";
import { runWriteBatch, type BatchWrite, type WriteBatchResult } from "~/db/write-batch.server.ts";
import type { DoseChange, PersonalDoseInput, Prescription, Stage } from "~/engine/index.ts";
import { auditQuery } from "~/models/audit.server.ts";
import {
  insertPersonalDoseQuery,
  isDuplicateVersion,
  PREPARED,
  type DoseCause,
  type PersonalDoseVersion,
  type PersonalExerciseEntry,
} from "~/models/personal-dose.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { doseText, runText } from "./personal-dose-form.server.ts";
import { personalPrescription } from "./personal-prescription.server.ts";

// The engine's dose changes in the app (docs/decisions/056-applying-dose-changes.md): what the engine is given, which
// changes may be applied, the writes that apply them as a new personal dose version, and their words.

type Actor = { id: string; role: string } | null;

/** A stored decision's dose changes; decisions made before ADR 056 have none (null column, or no key). */
export function doseChangesOf(json: string | null | undefined): DoseChange[] {
  if (!json) return [];
  const parsed = JSON.parse(json) as unknown;
  return Array.isArray(parsed) ? (parsed as DoseChange[]) : [];
}

/**
 * The engine's `dose` input: the patient's own prescription of the current stage and the local date it took effect
 * (the day the current version was saved, never before the stay began; a prepared or program dose: the stage entry).
 */
export function doseInputOf(
  plan: Pick<Plan, "stage_entered_on">,
  stage: Stage,
  dose: PersonalDoseVersion | undefined,
  timeZone: string,
): PersonalDoseInput {
  const savedOn = dose && dose.stageEnteredOn !== PREPARED ? todayIn(timeZone, new Date(dose.createdAt)) : null;
  const since = savedOn && savedOn > plan.stage_entered_on ? savedOn : plan.stage_entered_on;
  return { prescription: personalPrescription(stage, dose), since };
}

/** Object keys sorted, undefined dropped, provenance and rules left out: two doses compare by what the patient does. */
function doseKey(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === "source" || key === "progression") return undefined;
    if (v && typeof v === "object" && !Array.isArray(v))
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
    return v;
  });
}

/** True when the dose a change starts from is no longer the patient's (someone tailored it since the decision). */
export function isDoseChangeStale(changes: readonly DoseChange[], prescription: Prescription): boolean {
  return changes.some((c) => {
    const current = c.part === "run" ? prescription.run : prescription.exercises.find((e) => e.id === c.exerciseId);
    return !current || doseKey(current) !== doseKey(c.from);
  });
}

const kg = (n: number | undefined) => `${n ?? 0}`;

/** What changes, briefly: "10 → 12.5 kg", "10 → 12 reps", else the dose in words from → to. */
export function doseChangeWords(c: DoseChange): string {
  if (c.part === "run") return `${runText(c.from)} → ${runText(c.to)}`;
  if (c.from.load?.kg !== c.to.load?.kg) return `${kg(c.from.load?.kg)} → ${kg(c.to.load?.kg)} kg`;
  if (c.from.reps !== c.to.reps && c.from.reps !== undefined && c.to.reps !== undefined)
    return `${c.from.reps} → ${c.to.reps} reps`;
  return `${doseText(c.from)} → ${doseText(c.to)}`;
}

/**
 * "Heel drops: 10 → 12.5 kg — prescribed dose done in each of the last 3 sessions; pain ≤ 5/10; settled": why, as the
 * rule's met checks (the freshness and red-flag guards left out: every change has them), else the engine's sentence.
 */
export function doseChangeLine(c: DoseChange): string {
  const guards = new Set(["recent_data", "red_flag"]);
  const why = c.checks
    .filter((k) => k.status === "met" && !guards.has(k.kind) && !guards.has(k.id))
    .map((k) => k.label.replace(`${c.name}: `, ""));
  const reason = why.length > 0 ? why.join("; ") : c.clinicianText;
  return `${c.name}: ${doseChangeWords(c)}${reason ? ` — ${reason}` : ""}`;
}

/** What a clinician reviews for each change: its line and the rule's checks. */
export function doseChangeViews(changes: readonly DoseChange[]) {
  return changes.map((c) => ({
    key: `${c.part}-${c.exerciseId ?? "run"}-${c.ruleId}`,
    line: doseChangeLine(c),
    direction: c.direction,
    capped: c.capped,
    checks: c.checks,
  }));
}
export type DoseChangeView = ReturnType<typeof doseChangeViews>[number];

/** One cause for the version: a regress's reduction, else a step back, else a progression. */
function causeOf(changes: readonly DoseChange[]): DoseCause {
  if (changes.some((c) => c.reason === "regress")) return "regress";
  if (changes.some((c) => c.reason === "step_back")) return "step_back";
  return "progression";
}

function entriesWith(current: PersonalDoseVersion | undefined, changes: readonly DoseChange[]) {
  const entries = new Map<string, PersonalExerciseEntry>(
    (current?.exercises ?? []).map((e) => [e.exerciseId, { ...e }]),
  );
  let run = current?.run ?? null;
  for (const c of changes) {
    if (c.part === "run") {
      run = c.to;
      continue;
    }
    const entry = entries.get(c.exerciseId);
    entries.set(c.exerciseId, {
      exerciseId: c.exerciseId,
      origin: entry?.origin ?? "program",
      dropped: false,
      dose: c.to,
    });
  }
  return { exercises: [...entries.values()], run };
}

/**
 * The writes that apply a decision's dose changes as the plan's next dose version, with an audit row naming each
 * change from → to: for the same write batch as the decision's status. `latestVersion` is the plan's highest version
 * as read before the batch: a tailoring saved in between takes the same number, and the unique (plan, version) index
 * lets only one of the two in (isDuplicateVersion).
 */
export function doseChangeWrites(
  db: DB,
  args: {
    plan: Pick<Plan, "id" | "clinic_id" | "program_version">;
    stay: { stageId: string; stageEnteredOn: string };
    decisionId: string;
    changes: readonly DoseChange[];
    current: PersonalDoseVersion | undefined;
    latestVersion: number;
    /** The clinician who confirmed; null when the plan applies dose changes automatically. */
    actor: Actor;
  },
): BatchWrite[] {
  const { plan, stay, changes, actor } = args;
  if (changes.length === 0) return [];
  const version = args.latestVersion + 1;
  const reason = changes.map(doseChangeLine).join("; ");
  const { exercises, run } = entriesWith(args.current, changes);
  return [
    {
      query: insertPersonalDoseQuery(db, {
        clinicId: plan.clinic_id,
        planId: plan.id,
        version,
        ...stay,
        programVersion: plan.program_version,
        exercises,
        run,
        cause: causeOf(changes),
        reason,
        changedBy: actor?.id ?? null,
      }),
    },
    {
      query: auditQuery(db, {
        clinicId: plan.clinic_id,
        actor,
        action: "plan.dose_changed",
        entityType: "plan",
        entityId: plan.id,
        planId: plan.id,
        detail: {
          decisionId: args.decisionId,
          stageId: stay.stageId,
          version,
          reason,
          automatic: actor === null,
          changes: changes.map((c) => ({
            exerciseId: c.exerciseId ?? "run",
            name: c.name,
            direction: c.direction,
            ruleId: c.ruleId,
            from: c.part === "run" ? runText(c.from) : doseText(c.from),
            to: c.part === "run" ? runText(c.to) : doseText(c.to),
          })),
        },
      }),
    },
  ];
}

/**
 * runWriteBatch, where a dose version that another save took first (the unique (plan, version) index) counts as a
 * conflict like a plan version that moved on: nothing was written, and the caller reads again.
 */
export async function runBatchUnlessDoseClash(db: DB, writes: BatchWrite[]): Promise<WriteBatchResult> {
  try {
    return await runWriteBatch(db, writes);
  } catch (error) {
    if (isDuplicateVersion(error)) return { ok: false, conflictAt: -1 };
    throw error;
  }
}
