import type { DB } from "~/db/client.server.ts";
import type { Role } from "~/db/types.ts";

/** Adds a message; false when a message with this id exists already (a double submit of the same form). */
export async function insertMessage(
  db: DB,
  message: {
    id: string;
    clinicId: string;
    planId: string;
    patientId: string;
    authorId: string;
    authorRole: Role;
    body: string;
    createdAt: string;
  },
): Promise<boolean> {
  const result = await db
    .insertInto("message")
    .values({
      id: message.id,
      clinic_id: message.clinicId,
      plan_id: message.planId,
      patient_id: message.patientId,
      author_id: message.authorId,
      author_role: message.authorRole,
      body: message.body,
      created_at: message.createdAt,
      read_at: null,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** A plan's thread, oldest first, with each author's name. */
export async function listMessagesOfPlan(db: DB, clinicId: string, planId: string) {
  return db
    .selectFrom("message")
    .innerJoin("app_user", "app_user.id", "message.author_id")
    .select([
      "message.id",
      "message.author_id",
      "message.author_role",
      "message.body",
      "message.created_at",
      "message.read_at",
      "app_user.name as author_name",
    ])
    .where("message.plan_id", "=", planId)
    .where("message.clinic_id", "=", clinicId)
    .orderBy("message.created_at")
    .orderBy("message.id")
    .execute();
}

/** Marks the messages the other side wrote on a plan as read; returns how many were unread. */
export async function markMessagesRead(db: DB, planId: string, writtenBy: Role, at: string): Promise<number> {
  const result = await db
    .updateTable("message")
    .set({ read_at: at })
    .where("plan_id", "=", planId)
    .where("author_role", "=", writtenBy)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Messages one side wrote on a patient's threads that the other side has not opened yet. */
export async function countUnread(db: DB, clinicId: string, patientId: string, writtenBy: Role): Promise<number> {
  const row = await db
    .selectFrom("message")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("clinic_id", "=", clinicId)
    .where("patient_id", "=", patientId)
    .where("author_role", "=", writtenBy)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Unread messages from patients, by patient, for a clinic's triage. */
export async function countUnreadFromPatients(db: DB, clinicId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("message")
    .select(["patient_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("clinic_id", "=", clinicId)
    .where("author_role", "=", "patient")
    .where("read_at", "is", null)
    .groupBy("patient_id")
    .execute();
  return new Map(rows.map((r) => [r.patient_id, Number(r.n)]));
}

/**
 * Claims the right to email one side of a plan's thread about new messages: true at most once per `quietMs`,
 * however many instances ask at once (the row's conditional upsert is the lock).
 */
export async function claimMessageNotice(
  db: DB,
  planId: string,
  recipientRole: Role,
  now: Date,
  quietMs: number,
): Promise<boolean> {
  const cutoff = new Date(now.getTime() - quietMs).toISOString();
  const claimed = await db
    .insertInto("message_notice")
    .values({ plan_id: planId, recipient_role: recipientRole, last_sent_at: now.toISOString() })
    .onConflict((oc) =>
      oc
        .columns(["plan_id", "recipient_role"])
        .doUpdateSet({ last_sent_at: now.toISOString() })
        .where("message_notice.last_sent_at", "<=", cutoff),
    )
    .returning("plan_id")
    .executeTakeFirst();
  return claimed !== undefined;
}
