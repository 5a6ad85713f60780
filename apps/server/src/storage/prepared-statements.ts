import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";
import type pg from "pg";

/**
 * Statement texts that PostgreSQL prepares once per connection instead of parsing and planning on every
 * run. Kysely sends each statement unnamed (parsed and planned each time); for the statement that
 * commits every draft update that work was half of the database's time per commit (the CTE planned
 * anew: 377–407 µs of the backend's CPU per commit unnamed, 207–213 µs named, and the commit's round
 * trip 0.58–0.65 → 0.40–0.46 ms; bench/RESULTS.md, issue 15 round 4). `pg` keeps what each connection has
 * prepared (a Parse only on first use there) and forgets it with the connection.
 *
 * Opt-in, by text: PostgreSQL keeps every prepared statement for the connection's life, so only a
 * bounded set of texts may be named (each caller bounds its own; `maxNamedStatements` bounds them all).
 * A name is given once and never reused for another text. The embedded database ignores this: PGlite's
 * driver has no named statements, and its dialect never sees the wrapped pool.
 */
const namesByText = new Map<string, string>();

/** The most texts named in one process; a text beyond it simply runs unnamed. */
export const maxNamedStatements = 200;

/** Marks `text` to be prepared once per connection (if the bound allows); returns it unchanged. */
export function preparedOnEachConnection(text: string): string {
  if (!namesByText.has(text) && namesByText.size < maxNamedStatements) namesByText.set(text, `accord_${namesByText.size + 1}`);
  return text;
}

/** The name `text` is prepared under, or undefined when it runs unnamed. */
export function preparedStatementName(text: string): string | undefined {
  return namesByText.get(text);
}

/**
 * The pool as Kysely's PostgreSQL dialect sees it, sending each marked text as a named statement. Kysely
 * calls `query(sql, parameters)` for a statement and `query(cursor)` for a stream; only the first is
 * looked at.
 */
export function poolPreparingStatements(pool: pg.Pool): PostgresPool {
  // One wrapper per pooled connection, made on its first lending (Kysely borrows one per statement).
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    options: pool.options,
    end: () => pool.end(),
    connect: async () => {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = clientPreparingStatements(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
  };
}

function clientPreparingStatements(client: pg.PoolClient): PostgresPoolClient {
  function query<R>(sqlOrCursor: unknown, parameters?: readonly unknown[]): Promise<PostgresQueryResult<R>> {
    if (typeof sqlOrCursor !== "string") return client.query(sqlOrCursor as pg.Submittable) as never;
    // pg only reads the values: Kysely's own driver hands it the compiled parameters as they are.
    const values = (parameters ?? []) as unknown[];
    const name = preparedStatementName(sqlOrCursor);
    // Every other statement goes exactly as Kysely's driver sends it.
    if (name === undefined) return client.query(sqlOrCursor, values) as unknown as Promise<PostgresQueryResult<R>>;
    return client.query({ name, text: sqlOrCursor, values }) as unknown as Promise<PostgresQueryResult<R>>;
  }
  return {
    // Kysely reads this undocumented member of pg's client to cancel a statement (pg_cancel_backend).
    get processID() {
      return (client as { processID?: number }).processID;
    },
    query: query as PostgresPoolClient["query"],
    release: (destroy) => client.release(destroy),
  };
}
