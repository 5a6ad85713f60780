import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import type { PGliteInWorker } from "./pglite-in-worker.js";

/**
 * Kysely over a PGlite that runs on a worker thread (pglite-in-worker.ts). `kysely-pglite-dialect`
 * takes only PGlite's own classes; this is the same driver over the worker's client: PostgreSQL's SQL,
 * and one connection, lent to one user at a time, so that a transaction's statements never interleave
 * with anyone else's (PGlite is a single session).
 */
export class PGliteWorkerDialect implements Dialect {
  constructor(private readonly client: PGliteInWorker) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteWorkerDriver(this.client);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own Dialect signature
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}

class PGliteWorkerConnection implements DatabaseConnection {
  constructor(private readonly client: PGliteInWorker) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, affectedRows } = await this.client.query(compiledQuery.sql, compiledQuery.parameters);
    return {
      rows: rows as R[],
      ...(affectedRows === undefined ? {} : { numAffectedRows: BigInt(affectedRows) }),
    };
  }

  // eslint-disable-next-line require-yield -- PGlite has no cursors: the whole result comes at once
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("The embedded database does not stream query results.");
  }
}

class PGliteWorkerDriver implements Driver {
  private readonly connection: PGliteWorkerConnection;
  private lent = false;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly client: PGliteInWorker) {
    this.connection = new PGliteWorkerConnection(client);
  }

  async init(): Promise<void> {}

  /** The one connection, once whoever holds it has released it (in the order they asked). */
  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.lent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.lent = true;
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    const next = this.waiting.shift();
    // Handed straight to the next in line, so nobody who asked later can slip in between.
    if (next) next();
    else this.lent = false;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const mode = [settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : "", settings.accessMode ?? ""].filter(Boolean);
    await connection.executeQuery(CompiledQuery.raw(mode.length ? `start transaction ${mode.join(", ")}` : "begin"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async destroy(): Promise<void> {
    await this.client.close();
  }
}
