/**
 * One Hocuspocus process of the reference cluster for `pnpm bench:cluster`, started as its own process by
 * bench/cluster/main.ts (`node --import tsx bench/cluster/hocuspocus-server.ts`). Configured as its docs
 * show a horizontally scaled deployment: the Redis extension (its defaults) for fan-out between processes,
 * and the Database extension (its defaults: debounce 2 s, max 10 s) storing the whole Yjs state of each
 * document in one PostgreSQL row. Env: PORT, REDIS_URL, DATABASE_URL.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Database } from "@hocuspocus/extension-database";
import { Redis } from "@hocuspocus/extension-redis";
import { Server } from "@hocuspocus/server";

/** The little of a `pg` Pool this uses (`pg` is a dependency of the test support package, not of the root). */
interface PgPool {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  on(event: "error", listener: (error: Error) => void): void;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pg = createRequire(path.join(root, "tests/support/package.json"))("pg") as { Pool: new (options: object) => PgPool };

const port = Number(process.env.PORT);
const redis = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
pool.on("error", (error) => console.error(`pg pool: ${error.message}`));

// Every process runs this; the table may exist already.
await pool.query("create table if not exists hocuspocus_documents (name text primary key, data bytea not null)");

const server = new Server({
  port,
  address: "127.0.0.1",
  quiet: true,
  extensions: [
    new Redis({ host: redis.hostname, port: Number(redis.port || 6379) }),
    new Database({
      fetch: async ({ documentName }) => {
        const { rows } = await pool.query("select data from hocuspocus_documents where name = $1", [documentName]);
        const data = rows[0]?.data;
        return data instanceof Uint8Array ? new Uint8Array(data) : null;
      },
      store: async ({ documentName, state }) => {
        await pool.query(
          "insert into hocuspocus_documents (name, data) values ($1, $2) on conflict (name) do update set data = excluded.data",
          [documentName, Buffer.from(state)],
        );
      },
    }),
  ],
});

await server.listen();
console.log(`hocuspocus listening on ${port}`);

const shutdown = () => {
  void server
    .destroy()
    .catch(() => undefined)
    .finally(() => process.exit(0));
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
