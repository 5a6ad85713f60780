import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type Dialect } from "kysely";
import { Migrator } from "kysely/migration";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { migrationProvider } from "@accord/migrations";
import type { AccountsTable } from "./accounts.js";
import type { SessionsTable } from "./sessions.js";
import type { PoliciesTable, PolicyMembersTable, PolicyRequiredBodiesTable } from "./policies.js";
import type { ApprovingBodiesTable, BodyRepresentativesTable } from "./bodies.js";
import type { AuditEventsTable } from "./audit-events.js";
import type { DraftDocumentsTable, DraftUpdatesTable } from "./drafts.js";
import type { PolicyVersionsTable } from "./versions.js";
import type { NotificationsTable } from "./notifications.js";
import type { ProposalsTable, PublicationsTable } from "./proposals.js";
import type { CommentsTable, CommentThreadsTable } from "./comments.js";
import type { SuggestionDecisionsTable } from "./suggestion-decisions.js";

/** Every table Accord stores, as Kysely sees them. Each aggregate's module declares its own tables. */
export interface Database {
  users: AccountsTable;
  sessions: SessionsTable;
  policies: PoliciesTable;
  policy_members: PolicyMembersTable;
  policy_required_bodies: PolicyRequiredBodiesTable;
  approving_bodies: ApprovingBodiesTable;
  body_representatives: BodyRepresentativesTable;
  audit_events: AuditEventsTable;
  draft_documents: DraftDocumentsTable;
  draft_updates: DraftUpdatesTable;
  policy_versions: PolicyVersionsTable;
  proposals: ProposalsTable;
  publications: PublicationsTable;
  notifications: NotificationsTable;
  comment_threads: CommentThreadsTable;
  comments: CommentsTable;
  suggestion_decisions: SuggestionDecisionsTable;
}

/** Where the data lives: a real PostgreSQL, an embedded one in a folder, or an embedded one in memory. */
export type DatabaseConfig =
  | { kind: "postgres"; url: string }
  | { kind: "embedded"; dataDir: string }
  | { kind: "memory"; loadDataDir?: Blob };

/** An open database: the Kysely handle and a description for logs (never containing a password). */
export interface OpenDatabase {
  db: Kysely<Database>;
  description: string;
}

/**
 * Opens the database the config names. PostgreSQL through `pg`; otherwise PGlite, real PostgreSQL in
 * WebAssembly, so that the same SQL and migrations run in both places.
 */
export async function createDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  let dialect: Dialect;
  let description: string;
  if (config.kind === "postgres") {
    const url = new URL(config.url);
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    dialect = new PostgresDialect({ pool });
    description = `PostgreSQL at ${url.host}${url.pathname}`;
  } else {
    const pglite =
      config.kind === "embedded"
        ? await PGlite.create({ dataDir: config.dataDir })
        : await PGlite.create(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {});
    dialect = new PGliteDialect(pglite);
    description = config.kind === "embedded" ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : "in-memory PGlite";
  }
  return { db: new Kysely<Database>({ dialect }), description };
}

/** Runs every pending migration. Throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${cause}`, { cause: error });
  }
  return (results ?? []).map((result) => result.migrationName);
}
