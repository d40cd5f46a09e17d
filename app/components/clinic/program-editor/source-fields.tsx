import { SelectField, TextField } from "~/components/forms/fields.tsx";
import { capitalise } from "~/utils/form-fields.ts";
import type { ExercisePath, ProgramForm, StagePath } from "./editor-form.ts";

const OURS_OPTIONS = [
  { value: "", label: "(not said)" },
  { value: "true", label: "yes, our reading" },
  { value: "false", label: "no, the source's" },
];

/** The clinician-only provenance of a prescription, its run or an exercise (citation links ride in the hidden _rest). */
export function SourceFields({
  form,
  prefix,
  what,
}: {
  form: ProgramForm;
  prefix: `${StagePath}.prescription` | `${StagePath}.prescription.run` | ExercisePath;
  what: string;
}) {
  return (
    <>
      <TextField
        form={form}
        name={`${prefix}.sourceNote`}
        label={`Source of the ${what} (clinicians only)`}
        hint="Which part is the source's, which is your reading; never shown to the patient"
      />
      <SelectField
        form={form}
        name={`${prefix}.sourceOurs`}
        label={`${capitalise(what)} numbers are our reading`}
        options={OURS_OPTIONS}
      />
    </>
  );
}
