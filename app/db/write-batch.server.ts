import type { Compilable, DatabaseConnection } from "kysely";
import type { DB } from "./client.server.ts";
import type { BatchOutcome, BatchStatement } from "./sqlite3-writer-thread.server.ts";

/**
 * A short write transaction, decided before it starts (docs/decisions/047-write-batches-on-a-writer-thread.md):
 * Kysely queries, compiled with their bound parameters, run in order in one transaction with no reads or JavaScript
 * between them. A write with `expectChanges` is a check: when it changes any other number of rows (typically a
 * plan's version that moved on since it was read), the batch is rolled back and nothing of it is written.
 */
export type BatchWrite = { query: Compilable; expectChanges?: number };

export type WriteBatchResult = BatchOutcome;

/** A connection that runs a whole batch itself (SQLite's, on its writer thread). */
export interface WriteBatchConnection {
  runWriteBatch(statements: BatchStatement[]): Promise<BatchOutcome>;
}

function runsBatches(connection: DatabaseConnection): connection is DatabaseConnection & WriteBatchConnection {
  return typeof (connection as Partial<WriteBatchConnection>).runWriteBatch === "function";
}

/**
 * Runs the writes as one transaction. Answers `{ ok: false, conflictAt }` (the index of the check that failed) when
 * a check did not hold: then nothing was written. Never inside another transaction: the batch is its own.
 */
export async function runWriteBatch(db: DB, writes: BatchWrite[]): Promise<WriteBatchResult> {
  if (db.isTransaction) throw new Error("runWriteBatch runs its own transaction: call it outside one");
  const statements = writes.map((w) => ({ query: w.query.compile(), expectChanges: w.expectChanges }));
  const onConnection = await db
    .getExecutor()
    .provideConnection(async (connection) =>
      runsBatches(connection) ? connection.runWriteBatch(statements) : undefined,
    );
  if (onConnection) return onConnection;
  // PostgreSQL: an ordinary transaction; a failed check throws to roll it back.
  try {
    await db.transaction().execute(async (trx) => {
      for (const [index, statement] of statements.entries()) {
        const result = await trx.executeQuery(statement.query);
        const changed = Number(result.numAffectedRows ?? 0);
        if (statement.expectChanges !== undefined && changed !== statement.expectChanges) {
          throw new BatchConflict(index);
        }
      }
    });
  } catch (error) {
    if (error instanceof BatchConflict) return { ok: false, conflictAt: error.index };
    throw error;
  }
  return { ok: true };
}

class BatchConflict extends Error {
  constructor(readonly index: number) {
    super(`Write batch check ${index} did not hold`);
  }
}
