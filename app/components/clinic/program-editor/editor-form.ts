import type { FieldPath } from "react-hook-form";
import type { SchemaForm } from "~/components/forms/use-schema-form.ts";
import type { ProgramFormValues } from "~/schemas/program-form/form-values.ts";

/**
 * The editor's form, typed by the program's form values: a field name the program has no place for is a type error.
 * `rowAdded` tells it a row was just added, so the row's errors wait until the physio has been in its fields.
 */
export type ProgramForm = SchemaForm<ProgramFormValues> & { rowAdded(prefix: string): void };

// Where the editor's parts sit in the form values (react-hook-form names, "stages.0.gates.1").
export type StagePath = `stages.${number}`;
export type ExercisePath = `${StagePath}.prescription.exercises.${number}`;
export type RegressRulePath = `${StagePath}.regressRules.${number}`;
/** A progression rule: the stage's (for its exercises) or one exercise's. */
export type ProgressionPath =
  `${StagePath}.progression` | `${ExercisePath}.progression` | `${StagePath}.prescription.run.progression`;
/** A stage's gates, a regress rule's criteria, or a progression rule's step-up or step-back criteria. */
export type CriteriaPath =
  `${StagePath}.gates` | `${RegressRulePath}.criteria` | `${ProgressionPath}.when` | `${ProgressionPath}.stepBack`;
export type CriterionPath = `${CriteriaPath}.${number}`;

/** Any field of the editor's form. */
export type ProgramFieldName = FieldPath<ProgramFormValues>;
