import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { CompiledQuery, QueryResult } from "kysely";

/**
 * SQLite's one write connection, run on its own thread (docs/decisions/047-write-batches-on-a-writer-thread.md).
 *
 * Each sqlite3 call finishes with a callback on the event loop of the thread that made it. On the main thread, under
 * load, every statement of a write transaction therefore waited for a turn of a loop busy rendering pages, while the
 * transaction held the database's only write lock. On this thread the loop does nothing else: a write batch (the
 * statements of a short write transaction, with their bound parameters) runs BEGIN … COMMIT back to back and answers
 * once. Single statements and interactive transactions from the main thread still work, one message per statement;
 * batches that arrive while such a transaction is open wait until it ends.
 */
export class Sqlite3WriterThread {
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      // Idle, the thread must not keep the process alive; while a request waits for it, it must.
      if (this.pending.size === 0) worker.unref();
      if (!waiter) return;
      if (reply.error) waiter.reject(toError(reply.error));
      else waiter.resolve(reply);
    });
    const failAll = (error: Error) => {
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    worker.on("error", failAll);
    worker.on("exit", () => failAll(new Error("The SQLite writer thread has stopped")));
    worker.unref();
  }

  static async open(filename: string, busyTimeoutMs: number): Promise<Sqlite3WriterThread> {
    const worker = new Worker(WRITER_SOURCE, {
      eval: true,
      workerData: {
        sqlite3Path: resolveSqlite3(),
        returnsRows: RETURNS_ROWS.source,
        statementsKept: STATEMENTS_PER_CONNECTION,
      },
    });
    const thread = new Sqlite3WriterThread(worker);
    try {
      await thread.request({ type: "open", filename, busyTimeoutMs });
    } catch (error) {
      await worker.terminate(); // a file that cannot be opened leaves no thread behind
      throw error;
    }
    return thread;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const reply = await this.request({ type: "query", sql: compiled.sql, parameters: toSqliteValues(compiled) });
    if (reply.rows) return { rows: reply.rows as R[] };
    return {
      rows: [],
      numAffectedRows: BigInt(reply.changes ?? 0),
      insertId: reply.lastID !== undefined ? BigInt(reply.lastID) : undefined,
    };
  }

  /**
   * Runs the statements in one transaction on the writer thread. A statement with `expectChanges` that changed another
   * number of rows rolls the whole batch back: the answer names it (`conflictAt`, its index) and nothing was written.
   */
  async runBatch(statements: BatchStatement[]): Promise<BatchOutcome> {
    const reply = await this.request({
      type: "batch",
      statements: statements.map((s) => ({
        sql: s.query.sql,
        parameters: toSqliteValues(s.query),
        expectChanges: s.expectChanges,
      })),
    });
    return reply.conflictAt === undefined ? { ok: true } : { ok: false, conflictAt: reply.conflictAt };
  }

  async close(): Promise<void> {
    await this.request({ type: "close" });
    await this.worker.terminate();
  }

  private request(job: Job): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...job, id });
    });
  }
}

export type BatchStatement = { query: CompiledQuery; expectChanges?: number };
export type BatchOutcome = { ok: true } | { ok: false; conflictAt: number };

type Job =
  | { type: "open"; filename: string; busyTimeoutMs: number }
  | { type: "query"; sql: string; parameters: unknown[] }
  | { type: "batch"; statements: Array<{ sql: string; parameters: unknown[]; expectChanges?: number }> }
  | { type: "close" };

type Reply = {
  id: number;
  rows?: unknown[];
  changes?: number;
  lastID?: number;
  conflictAt?: number;
  error?: { message: string; code?: string; errno?: number };
};

// Statements that return rows go through `all()`; everything else through `run()` so we learn changes/lastID.
export const RETURNS_ROWS = /^\s*(select|with|pragma|values|explain)\b|\breturning\b/i;

// Prepared statements kept per connection: preparing costs about as much as running a short indexed query, and the
// app issues a few hundred distinct statements. Bounded, oldest-used first out ("in (?, ?, …)" lists vary).
export const STATEMENTS_PER_CONNECTION = 500;

export function toSqliteValue(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

function toSqliteValues(compiled: CompiledQuery): unknown[] {
  return compiled.parameters.map(toSqliteValue);
}

/** The error as sqlite3 would have thrown it on this thread (message and code kept: callers test the code). */
function toError(raw: NonNullable<Reply["error"]>): Error {
  return Object.assign(new Error(raw.message), { code: raw.code, errno: raw.errno });
}

/** The sqlite3 package's entry file, for the thread's require. From this module, else from where the app runs. */
function resolveSqlite3(): string {
  try {
    return createRequire(import.meta.url).resolve("sqlite3");
  } catch {
    return createRequire(path.join(process.cwd(), "package.json")).resolve("sqlite3");
  }
}

/*
 * The thread's program. Plain JavaScript in a string: the server is bundled into one file (build/index.js), so a
 * separate worker module would have no path to load from. It only relays to sqlite3; all decisions stay above.
 */
const WRITER_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const sqlite3 = require(workerData.sqlite3Path);
const RETURNS_ROWS = new RegExp(workerData.returnsRows, "i");
const BEGINS = /^\s*begin\b/i;
const ENDS = /^\s*(commit|end|rollback)\s*(transaction)?\s*;?\s*$/i;

let db = null;
const statements = new Map();
const queue = [];
const batchesWaiting = [];
let inTransaction = false;
let draining = false;

parentPort.on("message", (job) => {
  queue.push(job);
  if (!draining) void drain();
});

// One job at a time, in arrival order; a batch waits while an interactive transaction from the main thread is open.
async function drain() {
  draining = true;
  for (;;) {
    let job;
    if (!inTransaction && batchesWaiting.length > 0) job = batchesWaiting.shift();
    else if (queue.length > 0) job = queue.shift();
    else break;
    if (job.type === "batch" && inTransaction) {
      batchesWaiting.push(job);
      continue;
    }
    let reply;
    try {
      reply = { id: job.id, ...(await handle(job)) };
    } catch (error) {
      reply = { id: job.id, error: { message: error.message, code: error.code, errno: error.errno } };
    }
    parentPort.postMessage(reply);
  }
  draining = false;
}

async function handle(job) {
  switch (job.type) {
    case "open":
      db = await new Promise((resolve, reject) => {
        const opened = new sqlite3.Database(
          job.filename,
          sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE | sqlite3.OPEN_FULLMUTEX,
          (err) => (err ? reject(err) : resolve(opened)),
        );
      });
      db.configure("busyTimeout", job.busyTimeoutMs);
      return {};
    case "query": {
      // Which of the main thread's statements open and close a transaction: batches wait while one is open.
      const rollsBack = /^\s*rollback\s*(transaction)?\s*;?\s*$/i.test(job.sql);
      try {
        const result = await run(job.sql, job.parameters);
        if (BEGINS.test(job.sql)) inTransaction = true;
        else if (ENDS.test(job.sql)) inTransaction = false;
        return result;
      } catch (error) {
        if (rollsBack) inTransaction = false;
        throw error;
      }
    }
    case "batch":
      return runBatch(job.statements);
    case "close":
      await close();
      return {};
  }
  throw new Error("Unknown job " + job.type);
}

async function runBatch(batch) {
  await run("begin immediate", []);
  try {
    for (let i = 0; i < batch.length; i++) {
      const { sql, parameters, expectChanges } = batch[i];
      const result = await run(sql, parameters);
      if (expectChanges !== undefined && result.changes !== expectChanges) {
        await run("rollback", []);
        return { conflictAt: i };
      }
    }
    await run("commit", []);
    return {};
  } catch (error) {
    await run("rollback", []).catch(() => undefined);
    throw error;
  }
}

async function run(sql, parameters) {
  const statement = await prepared(sql);
  if (RETURNS_ROWS.test(sql)) {
    return new Promise((resolve, reject) =>
      statement.all(parameters, (err, rows) => (err ? reject(err) : resolve({ rows }))),
    );
  }
  return new Promise((resolve, reject) =>
    statement.run(parameters, function (err) {
      if (err) return reject(err);
      resolve({ changes: this.changes, lastID: this.lastID });
    }),
  );
}

// As the main thread's connections do: prepared once, kept up to a bound, least recently used out first.
function prepared(sql) {
  const cached = statements.get(sql);
  if (cached) {
    statements.delete(sql);
    statements.set(sql, cached);
    return cached;
  }
  const statement = new Promise((resolve, reject) => {
    const s = db.prepare(sql, (err) => (err ? reject(err) : resolve(s)));
  });
  statements.set(sql, statement);
  statement.catch(() => {
    if (statements.get(sql) === statement) statements.delete(sql);
  });
  if (statements.size > workerData.statementsKept) {
    const [oldestSql, oldest] = statements.entries().next().value;
    statements.delete(oldestSql);
    oldest.then((s) => s.finalize(), () => undefined);
  }
  return statement;
}

async function close() {
  const kept = [...statements.values()];
  statements.clear();
  await Promise.all(
    kept.map((p) => p.then((s) => new Promise((resolve) => s.finalize(() => resolve())), () => undefined)),
  );
  if (db) await new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  db = null;
}
`;
