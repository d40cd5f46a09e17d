/**
 * The engine's Program → the editor's form values: every value as the text its field shows ("" = not set), nested
 * settings under their dotted names, and whatever has no field of its own kept as JSON in a hidden `_rest`.
 */
import type { Criterion, Program, ProgressionRule, Source, Stage } from "~/engine/index.ts";

type Exercise = Stage["prescription"]["exercises"][number];
import { blankCriterion } from "./blank-criterion.ts";
import { CRITERION_FIELDS } from "./criterion-field-specs.ts";
import { at, put } from "./dotted-names.ts";
import { EXERCISE_FIELDS } from "./exercise-field-specs.ts";
import type { FieldSpec } from "./field-spec.ts";
import type { CriterionFormValues, ProgramFormValues, ProgressionFormValues, RunFormValues } from "./form-values.ts";
import { secondsToMinutesText } from "./minutes.ts";
import { PROGRESSION_SETTING_NAMES } from "./progression-field-specs.ts";

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

/**
 * A place without a progression rule: kind "" and every setting blank. Its step-up condition is ready (pain during
 * within the pain model over the last two sessions), so choosing a kind gives a working rule the physio adjusts.
 */
export function blankProgression(id: string): ProgressionFormValues {
  return {
    kind: "",
    id,
    label: "",
    patientText: "",
    _rest: "",
    when: [{ ...blankCriterion("pain", "pain-during"), windowUnit: "sessions", windowCount: "2" }],
    stepBack: [],
    ...Object.fromEntries(PROGRESSION_SETTING_NAMES.map((n) => [n, ""])),
  };
}

function progressionToForm(rule: ProgressionRule | undefined, fallbackId: string): ProgressionFormValues {
  if (!rule) return blankProgression(fallbackId);
  const step = rule.step as Raw;
  return {
    ...blankProgression(rule.id),
    ...Object.fromEntries(PROGRESSION_SETTING_NAMES.map((n) => [n, str(step[n])])),
    kind: rule.step.kind,
    label: rule.label ?? "",
    patientText: rule.patientText ?? "",
    _rest: split(rule as Raw, ["id", "label", "step", "when", "stepBack", "patientText"]).rest,
    when: rule.when.map(criterionToForm),
    stepBack: (rule.stepBack?.when ?? []).map(criterionToForm),
  };
}

/** An exercise's hidden parts: what has no field, with the load's text and kg (which have fields) taken out. */
function exerciseRest(e: Exercise, fieldNames: string[]): string {
  const rest = withSourceLinksOnly(e);
  if (e.load) {
    const { text: _text, kg: _kg, ...otherLoad } = e.load;
    if (Object.keys(otherLoad).length > 0) rest.load = otherLoad;
    else delete rest.load;
  }
  return split(rest, [...fieldNames, "progression"]).rest;
}

/** The stage's run (blank when it has none): times in minutes, its progression, the rest as JSON. */
export function runToForm(run: Stage["prescription"]["run"]): RunFormValues {
  return {
    warmUpMinutes: str(run?.warmUpMinutes),
    coolDownMinutes: str(run?.coolDownMinutes),
    distanceKm: str(run?.distanceKm),
    perWeek: str(run?.perWeek),
    restDayBetween: str(run?.restDayBetween),
    notes: run?.notes ?? "",
    ...sourceToForm(run?.source),
    _rest: run
      ? split(withSourceLinksOnly(run), [
          "warmUpMinutes",
          "coolDownMinutes",
          "distanceKm",
          "perWeek",
          "restDayBetween",
          "notes",
          "blocks",
          "progression",
        ]).rest
      : "",
    blocks: (run?.blocks ?? []).map((b) => ({
      walkMinutes: secondsToMinutesText(b.walkSeconds),
      runMinutes: secondsToMinutesText(b.runSeconds),
      repeats: str(b.repeats),
      intensity: b.intensity ?? "",
    })),
    progression: progressionToForm(run?.progression, "run-progression"),
  };
}

function monitoringTestsToForm(stage: Stage) {
  return (stage.monitoringTests ?? []).map((t) => ({
    id: t.id,
    name: t.name,
    instructions: t.instructions ?? "",
    _rest: split(t as Raw, ["id", "name", "instructions"]).rest,
  }));
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
        "monitoringTests",
        "trial",
        "progression",
      ]).rest,
      monitoringTests: monitoringTestsToForm(s),
      trial: {
        label: s.trial?.label ?? "",
        test: s.trial?.test ?? "",
        _rest: s.trial ? split(s.trial as Raw, ["label", "test"]).rest : "",
      },
      progression: progressionToForm(s.progression, "progression"),
      prescription: {
        frequencyPerWeek: str(s.prescription.frequencyPerWeek),
        notes: s.prescription.notes ?? "",
        ...sourceToForm(s.prescription.source),
        _rest: split(withSourceLinksOnly(s.prescription), ["frequencyPerWeek", "notes", "exercises", "run"]).rest,
        run: runToForm(s.prescription.run),
        exercises: s.prescription.exercises.map((e) => ({
          ...Object.fromEntries(exerciseNames.map((n) => [n, str((e as Raw)[n])])),
          loadText: e.load?.text ?? "",
          loadKg: str(e.load?.kg),
          ...sourceToForm(e.source),
          _rest: exerciseRest(e, exerciseNames),
          progression: progressionToForm(e.progression, `${e.id}-progression`),
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
