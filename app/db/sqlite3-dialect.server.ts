import sqlite3 from "sqlite3";
import {
  RETURNS_ROWS,
  STATEMENTS_PER_CONNECTION,
  Sqlite3WriterThread,
  toSqliteValue,
  type BatchOutcome,
  type BatchStatement,
} from "./sqlite3-writer-thread.server.ts";
import type { WriteBatchConnection } from "./write-batch.server.ts";
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from "kysely";

/**
 * Kysely dialect for the callback-based `sqlite3` package.
 *
 * No maintained dialect supports `sqlite3` on Node 20 (see docs/decisions/002-sqlite3-kysely-dialect.md), so this is ours.
 * SQLite has one writer: one write connection is handed out under a mutex so that a query issued by another request
 * can never run inside someone else's open transaction. In WAL mode readers do not block the writer or each other, so
 * plain SELECTs outside a transaction go to a small pool of read-only connections and run in parallel on libuv's
 * threads (docs/decisions/040-sqlite-read-connections.md). A read sees every transaction committed before it began.
 * The write connection lives on a thread of its own, where a write batch runs without waiting for the main thread's
 * event loop between its statements (docs/decisions/047-write-batches-on-a-writer-thread.md).
 */
export interface Sqlite3DialectConfig {
  /** Path to the database file, or ":memory:". */
  filename: string;
  /** Milliseconds SQLite waits on a locked database before answering SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Read-only connections for SELECTs outside transactions (files only; default 2, 0 = every query on the writer). */
  readConnections?: number;
}

/**
 * SQLite does run DDL in transactions. Saying so makes Kysely's Migrator run each migration round in one transaction
 * (BEGIN IMMEDIATE here) and read which migrations are done inside it, so several instances migrating one file at
 * once wait for each other instead of running the same migration twice.
 */
class Sqlite3Adapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class Sqlite3Dialect implements Dialect {
  constructor(private readonly config: Sqlite3DialectConfig) {}
  createAdapter(): DialectAdapter {
    return new Sqlite3Adapter();
  }
  createDriver(): Driver {
    return new Sqlite3Driver(this.config);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  // The introspector reads the schema from the database itself: it needs no row types.
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** What the driver needs of a connection it runs statements on: a reader here, or the writer thread. */
interface StatementRunner {
  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>>;
  close(): Promise<void>;
}

class Sqlite3Connection implements DatabaseConnection {
  private readonly statements = new Map<string, Promise<sqlite3.Statement>>();

  constructor(private readonly db: sqlite3.Database) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const parameters = compiled.parameters.map(toSqliteValue);
    const statement = await this.prepared(compiled.sql);
    if (RETURNS_ROWS.test(compiled.sql)) {
      return new Promise((resolve, reject) => {
        statement.all(parameters, (err, rows) => (err ? reject(err) : resolve({ rows: rows as R[] })));
      });
    }
    return new Promise((resolve, reject) => {
      statement.run(parameters, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) return reject(err);
        resolve({
          rows: [],
          numAffectedRows: BigInt(this.changes ?? 0),
          insertId: this.lastID !== undefined ? BigInt(this.lastID) : undefined,
        });
      });
    });
  }

  /** The statement for this SQL, prepared once. A statement that fails to prepare is not kept (nor ever run). */
  private prepared(sql: string): Promise<sqlite3.Statement> {
    const cached = this.statements.get(sql);
    if (cached) {
      this.statements.delete(sql); // re-insert: Map order doubles as least-recently-used order
      this.statements.set(sql, cached);
      return cached;
    }
    const statement = new Promise<sqlite3.Statement>((resolve, reject) => {
      const prepared = this.db.prepare(sql, (err) => (err ? reject(err) : resolve(prepared)));
    });
    this.statements.set(sql, statement);
    statement.catch(() => {
      if (this.statements.get(sql) === statement) this.statements.delete(sql);
    });
    if (this.statements.size > STATEMENTS_PER_CONNECTION) {
      const [oldestSql, oldest] = this.statements.entries().next().value!;
      this.statements.delete(oldestSql);
      // Finalize waits for any query still running on it (sqlite3 queues per statement).
      oldest.then(
        (s) => s.finalize(),
        () => undefined,
      );
    }
    return statement;
  }

  /** Finalizes the kept statements, then closes the database (SQLite refuses to close with statements open). */
  async close(): Promise<void> {
    const statements = [...this.statements.values()];
    this.statements.clear();
    await Promise.all(
      statements.map((p) =>
        p.then(
          (s) => new Promise<void>((resolve) => s.finalize(() => resolve())),
          () => undefined,
        ),
      ),
    );
    await new Promise<void>((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("Streaming is not supported by the sqlite3 dialect");
  }
}

// SQLite's default page cache is 2 MB; at clinic scale (a 200 MB file) every query went back to the kernel for
// pages. Memory-mapped reads plus a 32 MB cache per connection keep the hot pages in memory (measured in
// docs/benchmarks.md; triage's main query 4 ms → 1.5 ms).
const CACHE_PRAGMAS = ["pragma mmap_size = 268435456", "pragma cache_size = -32768"];

class Sqlite3Driver implements Driver {
  private writer?: Sqlite3WriterThread;
  private readers: Sqlite3Connection[] = [];
  private nextReader = 0;
  private readonly mutex = new ConnectionMutex();

  constructor(private readonly config: Sqlite3DialectConfig) {}

  async init(): Promise<void> {
    const isMemory = this.config.filename === ":memory:";
    const busyTimeout = this.config.busyTimeoutMs ?? 5000;
    this.writer = await Sqlite3WriterThread.open(this.config.filename, busyTimeout);
    for (const pragma of [
      isMemory ? null : "pragma journal_mode = wal",
      "pragma synchronous = normal",
      "pragma foreign_keys = on",
      ...CACHE_PRAGMAS,
    ]) {
      if (pragma) await this.writer.executeQuery(CompiledQuery.raw(pragma));
    }
    // Opened after the writer has switched the file to WAL; an in-memory database cannot be shared, so it has none.
    const readerCount = isMemory ? 0 : (this.config.readConnections ?? 2);
    for (let i = 0; i < readerCount; i++) {
      const reader = await openDatabase(this.config.filename, sqlite3.OPEN_READONLY | sqlite3.OPEN_FULLMUTEX);
      reader.configure("busyTimeout", busyTimeout);
      const connection = new Sqlite3Connection(reader);
      for (const pragma of CACHE_PRAGMAS) await connection.executeQuery(CompiledQuery.raw(pragma));
      this.readers.push(connection);
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // The lease takes the write lock only when it needs it: at BEGIN, or for a statement that may write.
    return new Sqlite3Lease(this.writer!, this.mutex, () => this.pickReader());
  }

  private pickReader(): Sqlite3Connection | undefined {
    if (this.readers.length === 0) return undefined;
    this.nextReader = (this.nextReader + 1) % this.readers.length;
    return this.readers[this.nextReader];
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Sqlite3Lease).begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteIdentifier(name)}`));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteIdentifier(name)}`));
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as Sqlite3Lease).release();
  }
  async destroy(): Promise<void> {
    const connections: StatementRunner[] = [...(this.writer ? [this.writer] : []), ...this.readers];
    this.writer = undefined;
    this.readers = [];
    await Promise.all(connections.map((c) => c.close()));
  }
}

/**
 * What Kysely holds between acquire and release. Inside a transaction every statement runs on the writer, which the
 * lease keeps locked until release; outside one, a SELECT goes to a reader and anything else locks the writer for
 * just that statement. A write batch goes to the writer thread directly: the thread runs it between other writes.
 */
class Sqlite3Lease implements DatabaseConnection, WriteBatchConnection {
  private holdsWriter = false;

  constructor(
    private readonly writer: Sqlite3WriterThread,
    private readonly mutex: ConnectionMutex,
    private readonly reader: () => Sqlite3Connection | undefined,
  ) {}

  async begin(): Promise<void> {
    if (!this.holdsWriter) {
      await this.mutex.lock();
      this.holdsWriter = true;
    }
    // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on SQLITE_BUSY upgrading a read lock.
    await this.writer.executeQuery(CompiledQuery.raw("begin immediate"));
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.holdsWriter) return this.writer.executeQuery<R>(compiled);
    const reader = SelectQueryNode.is(compiled.query) ? this.reader() : undefined;
    if (reader) return reader.executeQuery<R>(compiled);
    await this.mutex.lock();
    try {
      return await this.writer.executeQuery<R>(compiled);
    } finally {
      this.mutex.unlock();
    }
  }

  runWriteBatch(statements: BatchStatement[]): Promise<BatchOutcome> {
    // The thread would hold the batch until this lease's own transaction ends: it never would.
    if (this.holdsWriter) throw new Error("A write batch cannot run inside a transaction");
    return this.writer.runBatch(statements);
  }

  release(): void {
    if (!this.holdsWriter) return;
    this.holdsWriter = false;
    this.mutex.unlock();
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("Streaming is not supported by the sqlite3 dialect");
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function openDatabase(filename: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(filename, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}

/** FIFO lock: one holder at a time, waiters served in arrival order. */
class ConnectionMutex {
  private locked = false;
  private readonly waiters: Array<() => void> = [];

  lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  unlock(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.locked = false;
  }
}
