/**
 * Form values → the engine's Program shape. Forms post strings: blanks become "not set", text becomes numbers and
 * yes/no, the hidden `_rest` JSON is merged back in. What cannot be read (a non-number, broken JSON) is an issue on
 * its own field; everything else is left for the engine's ProgramSchema to judge (./schema.ts).
 */
import { CRITERION_FIELDS, isDedicated } from "./criterion-field-specs.ts";
import { at, put } from "./dotted-names.ts";
import { EXERCISE_FIELDS } from "./exercise-field-specs.ts";
import type { FieldSpec } from "./field-spec.ts";
import { idFromName } from "./id-from-name.ts";
import { minutesTextToSeconds } from "./minutes.ts";
import { PROGRESSION_STEP_FIELDS, isProgressionKind } from "./progression-field-specs.ts";

type Raw = Record<string, unknown>;
export type Issue = { path: (string | number)[]; message: string };

class Converter {
  issues: Issue[] = [];

  text(v: unknown): string | undefined {
    if (typeof v !== "string") return v === undefined || v === null ? undefined : String(v);
    const t = v.trim();
    return t === "" ? undefined : t;
  }
  number(v: unknown, path: (string | number)[]): number | undefined {
    if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
    const t = this.text(v);
    if (t === undefined) return undefined;
    const n = Number(t.replace(",", "."));
    if (!Number.isFinite(n)) {
      this.issues.push({ path, message: "Enter a number" });
      return undefined;
    }
    return n;
  }
  /** A checkbox group: repeated keys post as a list, a single ticked box as one string, none as nothing. */
  multi(v: unknown): string[] | undefined {
    const values = (Array.isArray(v) ? v : v && typeof v === "object" ? Object.values(v) : [v])
      .map((x) => this.text(x))
      .filter((x): x is string => x !== undefined && x !== "false" && x !== "true");
    return values.length ? [...new Set(values)] : undefined;
  }
  bool(v: unknown): boolean | undefined {
    if (typeof v === "boolean") return v;
    const t = this.text(v);
    return t === "true" ? true : t === "false" ? false : undefined;
  }
  rest(v: unknown, path: (string | number)[]): Raw {
    const t = this.text(v);
    if (!t) return {};
    try {
      const parsed = JSON.parse(t) as unknown;
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Raw) : {};
    } catch {
      this.issues.push({ path, message: "This must be valid JSON" });
      return {};
    }
  }
  list(v: unknown): Raw[] {
    if (Array.isArray(v)) return v.filter((x): x is Raw => Boolean(x) && typeof x === "object");
    // formDataToObject may produce an object with numeric keys when indices are sparse.
    if (v && typeof v === "object")
      return Object.keys(v)
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => (v as Record<string, Raw>)[k]!);
    return [];
  }
  field(spec: FieldSpec, raw: Raw, path: (string | number)[]): [string, unknown] | null {
    let value: unknown;
    if (spec.type === "window") {
      const count = this.number(raw.windowCount, [...path, "windowCount"]);
      const unit = this.text(raw.windowUnit) === "sessions" ? "sessions" : "days";
      value = count === undefined ? undefined : { [unit]: count };
    } else if (spec.type === "number") value = this.number(at(raw, spec.name), [...path, ...spec.name.split(".")]);
    else if (spec.type === "bool") value = this.bool(at(raw, spec.name));
    else if (spec.type === "multi") value = this.multi(at(raw, spec.name));
    else if (spec.type === "hiddenId")
      value = this.text(at(raw, spec.name)) ?? (idFromName(this.text(at(raw, spec.from ?? "")) ?? "", "") || undefined);
    else value = this.text(at(raw, spec.name));
    if (value === undefined) return spec.optional ? null : [spec.name, undefined];
    return [spec.name, value];
  }
  fields(specs: readonly FieldSpec[], raw: Raw, path: (string | number)[]): Raw {
    const out: Raw = {};
    for (const spec of specs) {
      const parts = spec.name.split(".");
      // A nested settings object (repetitions' conditions) is always present, even with every setting blank.
      if (parts.length > 1)
        put(out, parts.slice(0, -1), (at(out, parts.slice(0, -1).join(".")) as Raw | undefined) ?? {});
      const entry = this.field(spec, raw, path);
      if (entry && entry[1] !== undefined) put(out, parts, entry[1]);
    }
    return out;
  }

  /**
   * The clinician-only `source` of a prescription or exercise: `sourceNote` and `sourceOurs` from their fields, any
   * other part (citationIds) from the hidden `_rest` (taken out of `rest`). Nothing set → no `source` at all.
   */
  source(raw: Raw, rest: Raw): { source?: Raw } {
    const carried =
      rest.source && typeof rest.source === "object" && !Array.isArray(rest.source) ? (rest.source as Raw) : {};
    delete rest.source;
    const { note: _note, ours: _ours, ...links } = carried;
    const note = this.text(raw.sourceNote);
    const ours = this.bool(raw.sourceOurs);
    const source = { ...links, ...(ours !== undefined ? { ours } : {}), ...(note !== undefined ? { note } : {}) };
    return Object.keys(source).length > 0 ? { source } : {};
  }

  criterion(raw: Raw, path: (string | number)[]): Raw {
    const kind = this.text(raw.kind);
    const common = { id: this.text(raw.id), kind, ...(this.text(raw.label) ? { label: this.text(raw.label) } : {}) };
    const rest = this.rest(raw._rest, [...path, "_rest"]);
    // An unknown kind is left for the engine to reject on the kind field.
    return { ...rest, ...common, ...(isDedicated(kind) ? this.fields(CRITERION_FIELDS[kind], raw, path) : {}) };
  }

  /** A progression rule, or nothing when its kind is blank (the place has none). */
  progression(raw: unknown, path: (string | number)[], fallbackId: string): { progression?: Raw } {
    const r = (raw && typeof raw === "object" ? raw : {}) as Raw;
    const kind = this.text(r.kind);
    if (!kind) return {};
    const stepBack = this.list(r.stepBack).map((c, i) => this.criterion(c, [...path, "stepBack", i]));
    return {
      progression: {
        ...this.rest(r._rest, [...path, "_rest"]),
        id: this.text(r.id) ?? fallbackId,
        ...(this.text(r.label) ? { label: this.text(r.label) } : {}),
        // An unknown kind is left for the engine to reject on the kind field.
        step: { kind, ...(isProgressionKind(kind) ? this.fields(PROGRESSION_STEP_FIELDS[kind], r, path) : {}) },
        when: this.list(r.when).map((c, i) => this.criterion(c, [...path, "when", i])),
        ...(stepBack.length > 0 ? { stepBack: { when: stepBack } } : {}),
        ...(this.text(r.patientText) ? { patientText: this.text(r.patientText) } : {}),
      },
    };
  }

  /** Monitoring tests; a test left without an id takes one from its name. */
  monitoringTests(raw: unknown, path: (string | number)[]): { monitoringTests?: Raw[] } {
    const tests = this.list(raw).map((t, i) => ({
      ...this.rest(t._rest, [...path, i, "_rest"]),
      id: this.text(t.id) ?? idFromName(this.text(t.name) ?? "", `test-${i + 1}`),
      name: this.text(t.name),
      ...(this.text(t.instructions) ? { instructions: this.text(t.instructions) } : {}),
    }));
    return tests.length > 0 ? { monitoringTests: tests } : {};
  }

  /** The stage's trial: none when its label is blank. */
  trial(raw: unknown, path: (string | number)[]): { trial?: Raw } {
    const t = (raw && typeof raw === "object" ? raw : {}) as Raw;
    const label = this.text(t.label);
    const rest = this.rest(t._rest, [...path, "_rest"]);
    if (!label) return {};
    return { trial: { ...rest, label, ...(this.text(t.test) ? { test: this.text(t.test) } : {}) } };
  }

  /** Minutes ("1.5", "1:30") → seconds; what is not a time is an issue on its field. */
  seconds(v: unknown, path: (string | number)[]): number | undefined {
    const seconds = minutesTextToSeconds(this.text(v));
    if (seconds !== undefined && Number.isNaN(seconds)) {
      this.issues.push({ path, message: "Enter minutes, e.g. 1.5 or 1:30" });
      return undefined;
    }
    return seconds;
  }

  /** The stage's run: none when it has no blocks and nothing else is set. */
  run(raw: unknown, path: (string | number)[]): { run?: Raw } {
    const r = (raw && typeof raw === "object" ? raw : {}) as Raw;
    const rest = this.rest(r._rest, [...path, "_rest"]);
    const source = this.source(r, rest);
    const blocks = this.list(r.blocks).map((b, i) => {
      const bp = [...path, "blocks", i];
      const walk = this.seconds(b.walkMinutes, [...bp, "walkMinutes"]);
      return {
        walkSeconds: walk ?? 0,
        runSeconds: this.seconds(b.runMinutes, [...bp, "runMinutes"]),
        repeats: this.number(b.repeats, [...bp, "repeats"]),
        ...(this.text(b.intensity) ? { intensity: this.text(b.intensity) } : {}),
      };
    });
    const optional = (name: string) => {
      const n = this.number(r[name], [...path, name]);
      return n === undefined ? {} : { [name]: n };
    };
    const restDay = this.bool(r.restDayBetween);
    const run: Raw = {
      ...rest,
      ...optional("warmUpMinutes"),
      blocks,
      ...optional("coolDownMinutes"),
      ...optional("distanceKm"),
      ...optional("perWeek"),
      ...(restDay !== undefined ? { restDayBetween: restDay } : {}),
      ...(this.text(r.notes) ? { notes: this.text(r.notes) } : {}),
      ...source,
      ...this.progression(r.progression, [...path, "progression"], "run-progression"),
    };
    return Object.keys(run).some((k) => k !== "blocks") || blocks.length > 0 ? { run } : {};
  }

  /** An exercise's load: its text, or "N kg" when only the kg is given. */
  load(e: Raw, rest: Raw, path: (string | number)[]): { load?: Raw } {
    const carried = (rest.load as Raw | undefined) ?? {};
    delete rest.load;
    const kg = this.number(e.loadKg, [...path, "loadKg"]);
    const text = this.text(e.loadText) ?? (kg !== undefined ? `${kg} kg` : undefined);
    if (text === undefined) return {};
    return { load: { ...carried, text, ...(kg !== undefined ? { kg } : {}) } };
  }

  program(raw: Raw): Raw {
    const pm = (raw.painModel ?? {}) as Raw;
    const nullableScore = (v: unknown, p: (string | number)[]) => this.number(v, p) ?? null;
    return {
      ...this.rest(raw._rest, ["_rest"]),
      id: this.text(raw.id),
      version: this.number(raw.version, ["version"]) ?? 1,
      name: this.text(raw.name),
      condition: this.text(raw.condition),
      summary: this.text(raw.summary),
      ...(this.text(raw.notes) ? { notes: this.text(raw.notes) } : {}),
      ...(this.number(raw.minDaysAfterRegress, ["minDaysAfterRegress"]) !== undefined
        ? { minDaysAfterRegress: this.number(raw.minDaysAfterRegress, ["minDaysAfterRegress"]) }
        : {}),
      ...(this.number(raw.freshDataDays, ["freshDataDays"]) !== undefined
        ? { freshDataDays: this.number(raw.freshDataDays, ["freshDataDays"]) }
        : {}),
      ...(this.number(raw.redFlagHoldDays, ["redFlagHoldDays"]) !== undefined
        ? { redFlagHoldDays: this.number(raw.redFlagHoldDays, ["redFlagHoldDays"]) }
        : {}),
      painModel: {
        ...this.rest(pm._rest, ["painModel", "_rest"]),
        name: this.text(pm.name),
        duringMax: nullableScore(pm.duringMax, ["painModel", "duringMax"]),
        afterMax: nullableScore(pm.afterMax, ["painModel", "afterMax"]),
        inclusive: this.bool(pm.inclusive),
        settleBy: this.text(pm.settleBy),
        weekOnWeek: this.text(pm.weekOnWeek),
        redFlagPain: this.number(pm.redFlagPain, ["painModel", "redFlagPain"]),
      },
      citations: this.list(raw.citations).map((c, i) => ({
        ...(this.text(c.note) ? { note: this.text(c.note) } : {}),
        id: this.text(c.id),
        authors: this.text(c.authors),
        year: this.number(c.year, ["citations", i, "year"]),
        title: this.text(c.title),
        journal: this.text(c.journal),
      })),
      stages: this.list(raw.stages).map((s, si) => {
        const sp = ["stages", si];
        const pr = (s.prescription ?? {}) as Raw;
        const prescriptionRest = this.rest(pr._rest, [...sp, "prescription", "_rest"]);
        const prescriptionSource = this.source(pr, prescriptionRest);
        return {
          ...this.rest(s._rest, [...sp, "_rest"]),
          // A new stage's id comes from its name: the clinician never types one.
          id: this.text(s.id) ?? idFromName(this.text(s.name) ?? "", `stage-${si + 1}`),
          name: this.text(s.name),
          goal: this.text(s.goal),
          instructions: this.text(s.instructions),
          minDays: this.number(s.minDays, [...sp, "minDays"]) ?? 0,
          ...(this.text(s.notes) ? { notes: this.text(s.notes) } : {}),
          prescription: {
            ...prescriptionRest,
            ...prescriptionSource,
            ...(this.number(pr.frequencyPerWeek, [...sp, "prescription", "frequencyPerWeek"]) !== undefined
              ? { frequencyPerWeek: this.number(pr.frequencyPerWeek, [...sp, "prescription", "frequencyPerWeek"]) }
              : {}),
            ...(this.text(pr.notes) ? { notes: this.text(pr.notes) } : {}),
            ...this.run(pr.run, [...sp, "prescription", "run"]),
            exercises: this.list(pr.exercises).map((e, ei) => {
              const ep = [...sp, "prescription", "exercises", ei];
              const rest = this.rest(e._rest, [...ep, "_rest"]);
              const load = this.load(e, rest, ep);
              const source = this.source(e, rest);
              const fields = this.fields(EXERCISE_FIELDS, e, ep);
              // A new exercise's id comes from its name: the clinician never types one.
              const id = (fields.id as string | undefined) ?? idFromName(this.text(e.name) ?? "", `exercise-${ei + 1}`);
              return {
                ...rest,
                ...fields,
                id,
                ...load,
                ...source,
                ...this.progression(e.progression, [...ep, "progression"], `${id}-progression`),
              };
            }),
          },
          gates: this.list(s.gates).map((g, gi) => this.criterion(g, [...sp, "gates", gi])),
          ...this.monitoringTests(s.monitoringTests, [...sp, "monitoringTests"]),
          ...this.trial(s.trial, [...sp, "trial"]),
          ...this.progression(s.progression, [...sp, "progression"], "progression"),
          regressRules: this.list(s.regressRules).map((r, ri) => {
            const rp = [...sp, "regressRules", ri];
            const a = (r.action ?? {}) as Raw;
            const to = this.text(a.to);
            const reduction = this.number(a.loadReductionPercent, [...rp, "action", "loadReductionPercent"]);
            return {
              ...this.rest(r._rest, [...rp, "_rest"]),
              id: this.text(r.id),
              label: this.text(r.label),
              ...(this.text(r.when) ? { when: this.text(r.when) } : {}),
              ...(this.number(r.restDays, [...rp, "restDays"]) !== undefined
                ? { restDays: this.number(r.restDays, [...rp, "restDays"]) }
                : {}),
              ...(this.text(r.patientAdvice) ? { patientAdvice: this.text(r.patientAdvice) } : {}),
              criteria: this.list(r.criteria).map((c, ci) => this.criterion(c, [...rp, "criteria", ci])),
              action: {
                to,
                ...(to === "back" ? { steps: this.number(a.steps, [...rp, "action", "steps"]) } : {}),
                ...(to === "stage" ? { stageId: this.text(a.stageId) } : {}),
                ...(reduction !== undefined ? { loadReductionPercent: reduction } : {}),
              },
            };
          }),
        };
      }),
    };
  }
}

export function formToProgram(raw: unknown): { program: Raw; issues: Issue[] } {
  const converter = new Converter();
  const program = converter.program((raw && typeof raw === "object" ? raw : {}) as Raw);
  return { program, issues: converter.issues };
}
