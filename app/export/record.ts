import type { Program } from "~/engine/index.ts";

/** Everything Stagewise holds about one patient's care, as plain data, ready for CSV or FHIR. */
export type PatientRecord = {
  exportedAt: string;
  patient: { id: string; name: string; email: string; timeZone: string; condition: string; involvedSide: string };
  clinician: { id: string; name: string } | null;
  plans: Array<{
    id: string;
    status: string;
    startDate: string;
    currentStageId: string;
    goalText: string | null;
    goalTargetDate: string | null;
    program: Program;
  }>;
  logs: Array<{
    planId: string;
    date: string;
    morningPain: number | null;
    morningStiffness: number | null;
    sessionDone: string;
    painDuring: number | null;
    painAfter: number | null;
    sessionMinutes: number | null;
    sessionRpe: number | null;
    runningMinutes: number | null;
    swelling: string | null;
    notes: string | null;
  }>;
  measurements: Array<{
    id: string;
    planId: string;
    date: string;
    measure: string;
    side: string | null;
    value: number;
    answers: unknown;
  }>;
  decisions: Array<{
    id: string;
    planId: string;
    evaluatedFor: string;
    outcome: string;
    fromStageId: string;
    toStageId: string;
    status: string;
    engineVersion: string;
    programVersion: number;
    clinicianSummary: string;
    createdAt: string;
    reviewedAt: string | null;
    reviewedBy: string | null;
    reviewReason: string | null;
  }>;
};
