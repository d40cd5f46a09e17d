import type {
  Bundle,
  BundleEntry,
  CarePlan,
  CarePlanActivity,
  Condition,
  Device,
  FhirResource,
  Goal,
  Observation,
  Patient,
  Practitioner,
  Communication,
  Provenance,
  QuestionnaireResponse,
} from "fhir/r4";
import { INSTRUMENT_NAMES, isInstrumentScore } from "~/engine/instruments.ts";
import { measureName } from "~/engine/measure-names.ts";
import { measureQuantity, stagewiseCoding } from "./fhir-codes.ts";
import { dailyLogResources } from "./fhir-daily-log.ts";
import { fhirUuid, urnOf } from "./fhir-ids.ts";
import { stageName, type PatientRecord } from "./record.ts";

// FHIR R4 Bundle (type "collection") of a patient's record. Every entry's fullUrl is `urn:uuid:<uuid>` and every
// reference points at one, so the bundle is self-contained. Checked in tests with a FHIR R4 structural validator.

const CAREPLAN_STATUS: Record<string, CarePlan["status"]> = {
  active: "active",
  paused: "on-hold",
  completed: "completed",
  discharged: "revoked",
};
const EXAM = {
  coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "exam", display: "Exam" }],
};
const CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
const CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

export function recordToFhirBundle(record: PatientRecord, engineDeviceId: string): Bundle {
  const entries: BundleEntry[] = [];
  const add = (resource: FhirResource & { id: string }) => entries.push({ fullUrl: urnOf(resource.id), resource });
  const ref = (id: string, display?: string) => ({ reference: urnOf(id), ...(display ? { display } : {}) });
  const patientRef = ref(record.patient.id, record.patient.name);
  const clinicianRef = record.clinician ? ref(record.clinician.id, record.clinician.name) : null;

  const patient = {
    resourceType: "Patient",
    id: fhirUuid(record.patient.id),
    name: [{ text: record.patient.name }],
    telecom: [{ system: "email", value: record.patient.email }],
  } satisfies Patient;
  add(patient);
  if (record.clinician) {
    const practitioner = {
      resourceType: "Practitioner",
      id: fhirUuid(record.clinician.id),
      name: [{ text: record.clinician.name }],
    } satisfies Practitioner;
    add(practitioner);
  }
  const engine = {
    resourceType: "Device",
    id: fhirUuid(engineDeviceId),
    deviceName: [{ name: "Stagewise progression engine", type: "model-name" }],
  } satisfies Device;
  add(engine);

  const conditionId = fhirUuid(`${record.patient.id}/condition`);
  const condition = {
    resourceType: "Condition",
    id: conditionId,
    clinicalStatus: { coding: [{ system: CONDITION_CLINICAL, code: "active" }] },
    verificationStatus: { coding: [{ system: CONDITION_VERIFICATION, code: "confirmed" }] },
    code: { text: record.patient.condition },
    bodySite: [{ text: `${record.patient.involvedSide} side` }],
    subject: patientRef,
    ...(record.patient.injuryDate ? { onsetDateTime: record.patient.injuryDate } : {}),
    ...(record.patient.surgeryDate ? { note: [{ text: `Surgery on ${record.patient.surgeryDate}` }] } : {}),
  } satisfies Condition;
  add(condition);

  const programOf = new Map(record.plans.map((p) => [p.id, p.program]));
  const ownOf = new Map(record.plans.map((p) => [p.id, p.ownExercises]));

  for (const plan of record.plans) {
    const goalIds: string[] = [];
    if (plan.goalText) {
      const goal = {
        resourceType: "Goal",
        id: fhirUuid(`${plan.id}/goal`),
        lifecycleStatus: plan.status === "completed" ? "completed" : "active",
        description: { text: plan.goalText },
        subject: patientRef,
        addresses: [ref(conditionId)],
        ...(plan.goalTargetDate ? { target: [{ dueDate: plan.goalTargetDate }] } : {}),
      } satisfies Goal;
      add(goal);
      goalIds.push(goal.id);
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
    const carePlan = {
      resourceType: "CarePlan",
      id: fhirUuid(plan.id),
      status: CAREPLAN_STATUS[plan.status] ?? "unknown",
      intent: "plan",
      title: `${plan.program.name} (version ${plan.program.version})`,
      subject: patientRef,
      period: { start: plan.startDate },
      addresses: [ref(conditionId)],
      ...(clinicianRef ? { author: clinicianRef } : {}),
      ...(goalIds.length ? { goal: goalIds.map((id) => ref(id)) } : {}),
      activity,
    } satisfies CarePlan;
    add(carePlan);
  }

  for (const log of record.logs) {
    const resources = dailyLogResources(log, {
      patient: patientRef,
      clinician: clinicianRef,
      plan: ref(log.planId),
      program: programOf.get(log.planId),
      ownExercises: ownOf.get(log.planId),
    });
    for (const resource of resources) add(resource);
  }

  for (const m of record.measurements) {
    if (isInstrumentScore(m.measure)) {
      const response = {
        resourceType: "QuestionnaireResponse",
        id: fhirUuid(m.id),
        status: "completed",
        subject: patientRef,
        basedOn: [ref(m.planId)],
        authored: m.date,
        item: [
          { linkId: "total", text: `${INSTRUMENT_NAMES[m.measure]} total score`, answer: [{ valueDecimal: m.value }] },
          ...answerItems(m.answers),
        ],
      } satisfies QuestionnaireResponse;
      add(response);
    } else {
      const observation = {
        resourceType: "Observation",
        id: fhirUuid(m.id),
        status: "final",
        category: [EXAM],
        code: { coding: [stagewiseCoding("capacity-measure")], text: measureName(m.measure) },
        subject: patientRef,
        basedOn: [ref(m.planId)],
        effectiveDateTime: m.date,
        valueQuantity: measureQuantity(m.measure, m.value),
        ...(m.side ? { bodySite: { text: `${m.side} side` } } : {}),
      } satisfies Observation;
      add(observation);
    }
  }

  for (const d of record.decisions) {
    const agents: Provenance["agent"] = [
      { type: { text: "recommender" }, who: { ...ref(engineDeviceId), display: `engine ${d.engineVersion}` } },
    ];
    if (d.reviewedBy && clinicianRef && d.reviewedBy === record.clinician?.id) {
      agents.push({ type: { text: d.status === "overridden" ? "overrode" : "confirmed" }, who: clinicianRef });
    }
    const from = stageName(programOf.get(d.planId), d.fromStageId);
    const to = stageName(programOf.get(d.planId), d.toStageId);
    const provenance = {
      resourceType: "Provenance",
      id: fhirUuid(d.id),
      target: [ref(d.planId)],
      recorded: d.createdAt,
      occurredDateTime: d.evaluatedFor,
      activity: { text: `${d.outcome} (${from === to ? from : `${from} → ${to}`}), ${d.status}` },
      reason: [{ text: d.clinicianSummary + (d.reviewReason ? ` — clinician: ${d.reviewReason}` : "") }],
      agent: agents,
    } satisfies Provenance;
    add(provenance);
  }

  // The messages between patient and physio (ADR 054): a Communication each; a clinician other than the record's
  // named practitioner is named, not referenced (only that one is in the bundle).
  for (const m of record.messages ?? []) {
    const fromPatient = m.authorRole === "patient";
    const clinician = clinicianRef && m.authorId === record.clinician?.id ? clinicianRef : { display: m.authorName };
    const message = {
      resourceType: "Communication",
      id: fhirUuid(m.id),
      status: "completed",
      subject: patientRef,
      basedOn: [ref(m.planId)],
      sender: fromPatient ? patientRef : clinician,
      recipient: [fromPatient ? (clinicianRef ?? { display: "the patient's physio" }) : patientRef],
      sent: m.sentAt,
      ...(m.readAt ? { received: m.readAt } : {}),
      payload: [{ contentString: m.body }],
    } satisfies Communication;
    add(message);
  }

  // The personal dose history: a Provenance per change of a plan's dose, by the physio or by the engine (ADR 056).
  for (const h of record.doseHistory ?? []) {
    const stage = stageName(programOf.get(h.planId), h.stageId);
    const byClinician = h.changedById !== null && clinicianRef && h.changedById === record.clinician?.id;
    const provenance = {
      resourceType: "Provenance",
      id: fhirUuid(`${h.planId}/dose/${h.version}/${h.exercise}`),
      target: [ref(h.planId)],
      recorded: h.recordedAt,
      occurredDateTime: h.date,
      activity: { text: `dose ${h.cause.replace(/_/g, " ")} (${stage}): ${h.exercise} ${h.from} → ${h.to}` },
      reason: [{ text: h.reason }],
      agent: [
        h.changedBy === null
          ? { type: { text: "applied automatically" }, who: ref(engineDeviceId, "Stagewise progression engine") }
          : byClinician
            ? { type: { text: "changed the dose" }, who: clinicianRef }
            : { type: { text: "changed the dose" }, who: { display: h.changedBy } },
      ],
    } satisfies Provenance;
    add(provenance);
  }

  return { resourceType: "Bundle", type: "collection", timestamp: record.exportedAt, entry: entries };
}

function answerItems(answers: unknown): NonNullable<QuestionnaireResponse["item"]> {
  if (!answers || typeof answers !== "object") return [];
  return Object.entries(answers as Record<string, unknown>)
    .filter(([, v]) => typeof v === "number")
    .map(([linkId, v]) => ({ linkId, answer: [{ valueDecimal: v as number }] }));
}
