import type { ReactNode } from "react";
import type { FieldPath, FieldValues } from "react-hook-form";
import { ChoiceField } from "~/components/forms/fields.tsx";
import type { SchemaForm } from "~/components/forms/use-schema-form.ts";

type ZoneTone = "safe" | "caution" | "high";
export type Zones = { tones: ZoneTone[]; legend: string };

const ZERO_TO_TEN = Array.from({ length: 11 }, (_, v) => String(v));

/** A 0–10 row of big radio buttons, coloured by the program's pain zones when given. */
export function ScoreScale<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  zones,
  low = "none",
  high = "worst",
}: {
  form: SchemaForm<T>;
  name: FieldPath<T>;
  label: ReactNode;
  hint?: ReactNode;
  zones?: Zones;
  low?: string;
  high?: string;
}) {
  return (
    <div className="scale">
      <ChoiceField
        form={form}
        name={name}
        label={label}
        hint={
          <>
            {hint ? <>{hint} </> : null}
            <span>
              0 = {low}, 10 = {high}.
            </span>
            {zones ? <span className="zone-legend"> {zones.legend}.</span> : null}
          </>
        }
        options={ZERO_TO_TEN.map((v, i) => ({ value: v, label: v, tone: zones?.tones[i] }))}
      />
    </div>
  );
}
