import { describe, expect, it } from "vitest";
import * as z from "zod";
import { optionLabel } from "~/components/clinic/program-editor/option-labels.ts";
import { CriterionSchema } from "~/engine/index.ts";
import { CRITERION_FIELDS } from "~/schemas/program-form/criterion-field-specs.ts";
import type { FieldSpec } from "~/schemas/program-form/field-spec.ts";

// The editor's drop-downs list the engine's values in the clinician's order; the engine's schema is the authority on
// which values exist. A value added to the engine and not to the editor (or the other way round) fails here.

function engineObjectFor(kind: string): z.ZodObject {
  const option = (CriterionSchema as unknown as z.ZodDiscriminatedUnion<z.ZodObject[]>).options.find(
    (o) => (o.shape.kind as z.ZodLiteral).value === kind,
  );
  if (!option) throw new Error(`the engine has no criterion kind ${kind}`);
  return option;
}

/** The values the engine accepts at a dotted path of a criterion (optional and default wrappers looked through). */
function engineValuesAt(object: z.ZodObject, path: string): string[] {
  let schema: z.ZodType = object;
  for (const key of path.split(".")) {
    schema = unwrap(schema);
    if (!(schema instanceof z.ZodObject)) throw new Error(`${path}: ${key} is not inside an object`);
    schema = schema.shape[key] as z.ZodType;
    if (!schema) throw new Error(`${path}: the engine has no field ${key}`);
  }
  schema = unwrap(schema);
  if (schema instanceof z.ZodArray) schema = unwrap(schema.element as z.ZodType);
  if (schema instanceof z.ZodEnum) return schema.options.map(String);
  throw new Error(`${path} is not a list of values in the engine's schema`);
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable)
    s = s.unwrap() as z.ZodType;
  return s;
}

describe("the program editor's choices are the engine's values", () => {
  for (const [kind, specs] of Object.entries(CRITERION_FIELDS as Record<string, readonly FieldSpec[]>)) {
    for (const spec of specs.filter((s) => s.options)) {
      it(`${kind} criterion: ${spec.label} offers exactly what the engine accepts`, () => {
        expect([...spec.options!].sort()).toEqual(engineValuesAt(engineObjectFor(kind), spec.name).sort());
      });
    }
  }
});

describe("the program editor's History choice reads in words", () => {
  it("'since the current dose', not a bare 'dose' that reads like a number, for every criterion that offers it", () => {
    const historySpecs = Object.values(CRITERION_FIELDS as Record<string, readonly FieldSpec[]>)
      .flat()
      .filter((s) => s.name === "scope");
    expect(historySpecs.length).toBeGreaterThan(0);
    for (const spec of historySpecs)
      for (const value of spec.options!)
        expect(optionLabel(spec, value)).toBe(
          { stage: "this stage", plan: "the whole plan", dose: "since the current dose" }[value],
        );
  });
});
