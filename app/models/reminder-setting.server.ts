import type { DB } from "~/db/client.server.ts";

export async function getReminderSetting(db: DB, userId: string) {
  return db
    .selectFrom("reminder_setting")
    .select(["enabled", "remind_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** Saves a patient's choice in one statement (insert, or replace the row they have). */
export async function upsertReminderSetting(
  db: DB,
  setting: { userId: string; enabled: boolean; remindAt: string; updatedAt: string },
): Promise<void> {
  const values = { enabled: setting.enabled ? 1 : 0, remind_at: setting.remindAt, updated_at: setting.updatedAt };
  await db
    .insertInto("reminder_setting")
    .values({ user_id: setting.userId, ...values })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
    .execute();
}

/** Turns reminders off, keeping the chosen time (the one-click unsubscribe). */
export async function disableReminders(db: DB, userId: string, remindAt: string, updatedAt: string): Promise<void> {
  await db
    .insertInto("reminder_setting")
    .values({ user_id: userId, enabled: 0, remind_at: remindAt, updated_at: updatedAt })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ enabled: 0, updated_at: updatedAt }))
    .execute();
}
