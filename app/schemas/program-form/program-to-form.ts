/**
 * The engine's Program → the editor's form values: every value as the text its field shows ("" = not set), nested
 * settings under their dotted names, and whatever has no field of its own kept as JSON in a hidden `_rest`.
 */
import type { Criterion, Program, Source } from "~/engine/index.ts";
import { CRITERION_FIELDS } from "./criterion-field-specs.ts";
import { at, put } from "./dotted-names.ts";
import { EXERCISE_FIELDS } from "./exercise-field-specs.ts";
import type { FieldSpec } from "./field-spec.ts";
import type { CriterionFormValues, ProgramFormValues } from "./form-values.ts";

type Raw = Record<string, unknown>;

const str = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "boolean" ? String(v) : String(v));

function split(obj: Raw, known: string[]): { known: Raw; rest: string } {
  const rest: Raw = {};
  for (const [k, v] of Object.entries(obj)) if (!known.includes(k)) rest[k] = v;
  return { known: obj, rest: Object.keys(rest).length ? JSON.stringify(rest) : "" };
}

/** A `source`'s two edited parts as form values ("" = not set; ours "false" is kept as such). */
function sourceToForm(source: Source | undefined): { sourceNote: string; sourceOurs: string } {
  return { sourceNote: source?.note ?? "", sourceOurs: str(source?.ours) };
}

/** The object with its `source` reduced to what has no field (citation links), for the hidden `_rest`. */
function withSourceLinksOnly(obj: { source?: Source }): Raw {
  const { source, ...rest } = obj as Raw & { source?: Source };
  if (!source) return rest;
  const { note: _note, ours: _ours, ...links } = source;
  return Object.keys(links).length > 0 ? { ...rest, source: links } : rest;
}

function criterionToForm(c: Criterion): CriterionFormValues {
  const base = { id: c.id, kind: c.kind, label: c.label ?? "" };
  const specs = CRITERION_FIELDS[c.kind] as readonly FieldSpec[];
  // Top-level names the fields cover ("conditions" for conditions.*: every repetition condition has a field).
  const names = specs.map((s) => s.name.split(".")[0]!);
  const { rest } = split(c as Raw, ["id", "kind", "label", ...names]);
  const values: Raw = {};
  for (const spec of specs) {
    if (spec.type === "window") {
      const w = (c as { window?: { days?: number; sessions?: number } }).window;
      values.windowUnit = w?.sessions !== undefined ? "sessions" : "days";
      values.windowCount = str(w?.sessions ?? w?.days);
    } else if (spec.type === "multi") {
      const v = at(c, spec.name);
      put(values, spec.name.split("."), Array.isArray(v) ? v.map(String) : []);
    } else put(values, spec.name.split("."), str(at(c, spec.name)));
  }
  return { ...base, ...values, _rest: rest };
}

export function programToForm(p: Program): ProgramFormValues {
  const exerciseNames = EXERCISE_FIELDS.map((f) => f.name);
  return {
    id: p.id,
    version: str(p.version),
    name: p.name,
    condition: p.condition,
    summary: p.summary,
    notes: p.notes ?? "",
    minDaysAfterRegress: str(p.minDaysAfterRegress),
    freshDataDays: str(p.freshDataDays),
    redFlagHoldDays: str(p.redFlagHoldDays),
    // Program settings without a field (the questionnaire schedule, ADR 059) ride along unchanged.
    _rest: split(p as Raw, [
      "id",
      "version",
      "name",
      "condition",
      "summary",
      "notes",
      "minDaysAfterRegress",
      "freshDataDays",
      "redFlagHoldDays",
      "painModel",
      "citations",
      "stages",
    ]).rest,
    painModel: {
      name: p.painModel.name,
      duringMax: str(p.painModel.duringMax),
      afterMax: str(p.painModel.afterMax),
      inclusive: str(p.painModel.inclusive),
      settleBy: p.painModel.settleBy,
      weekOnWeek: p.painModel.weekOnWeek,
      redFlagPain: str(p.painModel.redFlagPain),
      _rest: split(p.painModel as Raw, [
        "name",
        "duringMax",
        "afterMax",
        "inclusive",
        "settleBy",
        "weekOnWeek",
        "redFlagPain",
      ]).rest,
    },
    citations: p.citations.map((c) => ({
      id: c.id,
      authors: c.authors,
      year: str(c.year),
      title: c.title,
      journal: c.journal,
      note: c.note ?? "",
    })),
    stages: p.stages.map((s) => ({
      id: s.id,
      name: s.name,
      goal: s.goal,
      instructions: s.instructions,
      minDays: str(s.minDays),
      notes: s.notes ?? "",
      _rest: split(s as Raw, [
        "id",
        "name",
        "goal",
        "instructions",
        "minDays",
        "notes",
        "prescription",
        "gates",
        "regressRules",
      ]).rest,
      prescription: {
        frequencyPerWeek: str(s.prescription.frequencyPerWeek),
        notes: s.prescription.notes ?? "",
        ...sourceToForm(s.prescription.source),
        _rest: split(withSourceLinksOnly(s.prescription), ["frequencyPerWeek", "notes", "exercises"]).rest,
        exercises: s.prescription.exercises.map((e) => ({
          ...Object.fromEntries(exerciseNames.map((n) => [n, str((e as Raw)[n])])),
          loadText: e.load?.text ?? "",
          ...sourceToForm(e.source),
          _rest: split(withSourceLinksOnly(e), [...exerciseNames]).rest,
        })),
      },
      gates: s.gates.map(criterionToForm),
      regressRules: s.regressRules.map((r) => ({
        id: r.id,
        label: r.label,
        when: r.when ?? "",
        restDays: str(r.restDays),
        patientAdvice: r.patientAdvice ?? "",
        _rest: split(r as Raw, ["id", "label", "when", "restDays", "patientAdvice", "criteria", "action"]).rest,
        criteria: r.criteria.map(criterionToForm),
        action: {
          to: r.action.to,
          steps: r.action.to === "back" ? str(r.action.steps) : "",
          stageId: r.action.to === "stage" ? r.action.stageId : "",
          loadReductionPercent: str(r.action.loadReductionPercent),
        },
      })),
    })),
  };
}
