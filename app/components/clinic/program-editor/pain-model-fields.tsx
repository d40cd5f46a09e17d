import { SelectField, TextField } from "~/components/forms/fields.tsx";
import { RowHiddenField } from "./row-hidden-field.tsx";
import type { ProgramForm } from "./editor-form.ts";

/** The program's pain-monitoring model: the limits every pain criterion falls back on. */
export function PainModelFields({ form }: { form: ProgramForm }) {
  return (
    <>
      <div className="editor-fields">
        <TextField form={form} name="painModel.name" label="Name" />
        <TextField
          form={form}
          name="painModel.duringMax"
          label="Max pain during (0–10)"
          hint="Blank: pain allowed"
          inputMode="decimal"
        />
        <TextField
          form={form}
          name="painModel.afterMax"
          label="Max pain after (0–10)"
          hint="Blank: no separate limit"
          inputMode="decimal"
        />
        <SelectField
          form={form}
          name="painModel.inclusive"
          label="Pain at the limit is"
          options={[
            { value: "true", label: "acceptable (≤)" },
            { value: "false", label: "too much (<)" },
          ]}
        />
        <SelectField
          form={form}
          name="painModel.settleBy"
          label="Symptoms settle by"
          options={[
            { value: "next_morning", label: "next morning" },
            { value: "24h", label: "24 hours" },
            { value: "none", label: "no rule" },
          ]}
        />
        <SelectField
          form={form}
          name="painModel.weekOnWeek"
          label="Week on week"
          options={[
            { value: "no_rise", label: "no rise" },
            { value: "none", label: "no rule" },
          ]}
        />
        <TextField form={form} name="painModel.redFlagPain" label="Flag pain at or above" inputMode="decimal" />
      </div>
      <RowHiddenField form={form} name="painModel._rest" />
    </>
  );
}
