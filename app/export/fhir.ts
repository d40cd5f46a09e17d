import type {
  Bundle,
  BundleEntry,
  CarePlan,
  CarePlanActivity,
  Device,
  FhirResource,
  Goal,
  Observation,
  Patient,
  Practitioner,
  Provenance,
  QuestionnaireResponse,
} from "fhir/r4";
import { INSTRUMENT_NAMES, isInstrumentScore } from "~/engine/instruments.ts";
import { measureName } from "~/engine/measure-names.ts";
import type { PatientRecord } from "./record.ts";

// FHIR R4 Bundle (type "collection") of a patient's record. Every reference points at an entry's fullUrl (urn:uuid),
// so the bundle is self-contained.
const LOINC_PAIN = {
  system: "http://loinc.org",
  code: "72514-3",
  display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
};
const urn = (id: string) => `urn:uuid:${id}`;

const CAREPLAN_STATUS: Record<string, CarePlan["status"]> = {
  active: "active",
  paused: "on-hold",
  completed: "completed",
  discharged: "revoked",
};

export function recordToFhirBundle(record: PatientRecord, engineDeviceId: string): Bundle {
  const entries: BundleEntry[] = [];
  const add = (id: string, resource: FhirResource) => entries.push({ fullUrl: urn(id), resource });
  const patientRef = { reference: urn(record.patient.id), display: record.patient.name };

  const patient: Patient = {
    resourceType: "Patient",
    id: record.patient.id,
    name: [{ text: record.patient.name }],
    telecom: [{ system: "email", value: record.patient.email }],
  };
  add(record.patient.id, patient);

  if (record.clinician) {
    const practitioner: Practitioner = {
      resourceType: "Practitioner",
      id: record.clinician.id,
      name: [{ text: record.clinician.name }],
    };
    add(record.clinician.id, practitioner);
  }
  const engine: Device = {
    resourceType: "Device",
    id: engineDeviceId,
    deviceName: [{ name: "Stagewise progression engine", type: "model-name" }],
  };
  add(engineDeviceId, engine);

  for (const plan of record.plans) {
    const goalIds: string[] = [];
    if (plan.goalText) {
      const goalId = `${plan.id}-goal`;
      const goal: Goal = {
        resourceType: "Goal",
        id: goalId,
        lifecycleStatus: plan.status === "completed" ? "completed" : "active",
        description: { text: plan.goalText },
        subject: patientRef,
        ...(plan.goalTargetDate ? { target: [{ dueDate: plan.goalTargetDate }] } : {}),
      };
      add(goalId, goal);
      goalIds.push(goalId);
    }
    const currentIndex = plan.program.stages.findIndex((s) => s.id === plan.currentStageId);
    const activity: CarePlanActivity[] = plan.program.stages.map((stage, i) => ({
      detail: {
        status:
          i < currentIndex
            ? "completed"
            : i === currentIndex
              ? plan.status === "paused"
                ? "on-hold"
                : "in-progress"
              : "not-started",
        code: { text: stage.name },
        description: [
          stage.goal,
          ...stage.prescription.exercises.map((e) => `${e.name}${e.sets && e.reps ? ` ${e.sets}×${e.reps}` : ""}`),
        ]
          .filter(Boolean)
          .join("; "),
      },
    }));
    const carePlan: CarePlan = {
      resourceType: "CarePlan",
      id: plan.id,
      status: CAREPLAN_STATUS[plan.status] ?? "unknown",
      intent: "plan",
      title: `${plan.program.name} (version ${plan.program.version})`,
      subject: patientRef,
      period: { start: plan.startDate },
      ...(record.clinician ? { author: { reference: urn(record.clinician.id) } } : {}),
      ...(goalIds.length ? { goal: goalIds.map((id) => ({ reference: urn(id) })) } : {}),
      activity,
    };
    add(plan.id, carePlan);
  }

  const planRef = (planId: string) => ({ reference: urn(planId) });
  for (const log of record.logs) {
    const pains: Array<[number | null, string, string]> = [
      [log.morningPain, "on waking", "morning"],
      [log.painDuring, "during exercise", "during"],
      [log.painAfter, "after exercise", "after"],
    ];
    for (const [value, when, key] of pains) {
      if (value === null) continue;
      const id = `${log.planId}-${log.date}-pain-${key}`;
      const observation: Observation = {
        resourceType: "Observation",
        id,
        status: "final",
        category: [
          { coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "survey" }] },
        ],
        code: { coding: [LOINC_PAIN], text: `Pain ${when} (0-10)` },
        subject: patientRef,
        basedOn: [planRef(log.planId)],
        effectiveDateTime: log.date,
        valueInteger: Math.round(value),
      };
      add(id, observation);
    }
  }

  for (const m of record.measurements) {
    if (isInstrumentScore(m.measure)) {
      const response: QuestionnaireResponse = {
        resourceType: "QuestionnaireResponse",
        id: m.id,
        status: "completed",
        subject: patientRef,
        basedOn: [planRef(m.planId)],
        authored: m.date,
        item: [
          { linkId: "total", text: `${INSTRUMENT_NAMES[m.measure]} total score`, answer: [{ valueDecimal: m.value }] },
          ...answerItems(m.answers),
        ],
      };
      add(m.id, response);
    } else {
      const observation: Observation = {
        resourceType: "Observation",
        id: m.id,
        status: "final",
        category: [
          { coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "exam" }] },
        ],
        code: { text: measureName(m.measure) },
        subject: patientRef,
        basedOn: [planRef(m.planId)],
        effectiveDateTime: m.date,
        valueQuantity: { value: m.value },
        ...(m.side ? { bodySite: { text: `${m.side} side` } } : {}),
      };
      add(m.id, observation);
    }
  }

  for (const d of record.decisions) {
    const agents: Provenance["agent"] = [
      { type: { text: "recommender" }, who: { reference: urn(engineDeviceId), display: `engine ${d.engineVersion}` } },
    ];
    if (d.reviewedBy && record.clinician && d.reviewedBy === record.clinician.id) {
      agents.push({
        type: { text: d.status === "overridden" ? "overrode" : "confirmed" },
        who: { reference: urn(record.clinician.id) },
      });
    }
    const provenance: Provenance = {
      resourceType: "Provenance",
      id: d.id,
      target: [planRef(d.planId)],
      recorded: d.createdAt,
      occurredDateTime: d.evaluatedFor,
      activity: { text: `${d.outcome} (${d.fromStageId} → ${d.toStageId}), ${d.status}` },
      reason: [{ text: d.clinicianSummary + (d.reviewReason ? ` — clinician: ${d.reviewReason}` : "") }],
      agent: agents,
    };
    add(d.id, provenance);
  }

  return { resourceType: "Bundle", type: "collection", timestamp: record.exportedAt, entry: entries };
}

function answerItems(answers: unknown): NonNullable<QuestionnaireResponse["item"]> {
  if (!answers || typeof answers !== "object") return [];
  return Object.entries(answers as Record<string, unknown>)
    .filter(([, v]) => typeof v === "number")
    .map(([linkId, v]) => ({ linkId, answer: [{ valueDecimal: v as number }] }));
}
