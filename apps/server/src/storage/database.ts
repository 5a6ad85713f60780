import { existsSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type Dialect } from "kysely";
import { Migrator } from "kysely/migration";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { migrationProvider } from "@accord/migrations";
import type { AccountsTable } from "./tables/accounts.js";
import type { SessionsTable } from "./tables/sessions.js";
import type { PoliciesTable, PolicyMembersTable, PolicyRequiredBodiesTable } from "./tables/policies.js";
import type { ApprovingBodiesTable, BodyRepresentativesTable } from "./tables/bodies.js";
import type { AuditEventsTable } from "./tables/audit-events.js";
import type { DraftClientsTable, DraftDocumentsTable, DraftUpdatesTable } from "./tables/drafts.js";
import type { PolicyVersionsTable } from "./tables/versions.js";
import type { NotificationsTable } from "./tables/notifications.js";
import type { NotificationEmailPreferencesTable } from "./tables/notification-preferences.js";
import type { ProposalsTable, PublicationsTable } from "./tables/proposals.js";
import type { CommentsTable, CommentThreadsTable } from "./tables/comments.js";
import type { SuggestionDecisionsTable } from "./tables/suggestion-decisions.js";
import type {
  CommentPeriodExtensionsTable,
  CommentPeriodProposalsTable,
  CommentPeriodResponsesTable,
  CommentPeriodsTable,
  PublicCommentEmailsTable,
  PublicCommentsTable,
} from "./tables/comment-periods.js";
import type { PasswordSetupTokensTable, RosterPeopleTable } from "./tables/roster.js";
import type {
  AcknowledgementAssignmentsTable,
  AcknowledgementCampaignsTable,
  AcknowledgementEditorialVersionsTable,
  AcknowledgementPublicCountsTable,
  AcknowledgementQuizAttemptsTable,
  AcknowledgementRemindersTable,
  AcknowledgementsTable,
} from "./tables/acknowledgements.js";
import type { InstallationSecretsTable } from "./tables/installation-secrets.js";
import { lockDataDir } from "./data-dir-lock.js";
import { createEmbeddedFolder, PGliteInWorker } from "./pglite-in-worker.js";
import { PGliteWorkerDialect } from "./pglite-worker-dialect.js";
import { poolPreparingStatements } from "./prepared-statements.js";
import { defaultEmbeddedTemplateDir, readEmbeddedTemplate, removeRestoredTemplate, restoreEmbeddedTemplate } from "./embedded-template.js";

/**
 * Every table Accord stores, as Kysely sees them. Each aggregate's tables are declared in a leaf file,
 * `tables/<aggregate>.ts`, which imports nothing of the server: this file and the storage modules both
 * import those, so neither imports the other back.
 */
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
  draft_clients: DraftClientsTable;
  policy_versions: PolicyVersionsTable;
  proposals: ProposalsTable;
  publications: PublicationsTable;
  notifications: NotificationsTable;
  notification_email_preferences: NotificationEmailPreferencesTable;
  comment_threads: CommentThreadsTable;
  comments: CommentsTable;
  suggestion_decisions: SuggestionDecisionsTable;
  comment_periods: CommentPeriodsTable;
  comment_period_extensions: CommentPeriodExtensionsTable;
  public_comments: PublicCommentsTable;
  public_comment_emails: PublicCommentEmailsTable;
  comment_period_responses: CommentPeriodResponsesTable;
  comment_period_proposals: CommentPeriodProposalsTable;
  roster_people: RosterPeopleTable;
  password_setup_tokens: PasswordSetupTokensTable;
  acknowledgement_campaigns: AcknowledgementCampaignsTable;
  acknowledgement_assignments: AcknowledgementAssignmentsTable;
  acknowledgement_quiz_attempts: AcknowledgementQuizAttemptsTable;
  acknowledgements: AcknowledgementsTable;
  acknowledgement_reminders: AcknowledgementRemindersTable;
  acknowledgement_editorial_versions: AcknowledgementEditorialVersionsTable;
  acknowledgement_public_counts: AcknowledgementPublicCountsTable;
  installation_secrets: InstallationSecretsTable;
}

/** Where the data lives: a real PostgreSQL, an embedded one in a folder, or an embedded one in memory. */
export type DatabaseConfig =
  | { kind: "postgres"; url: string }
  | {
      kind: "embedded";
      dataDir: string;
      /** The template a new folder is copied from (embedded-template.ts): default the build's; null for none. */
      template?: string | null;
    }
  | { kind: "memory"; loadDataDir?: Blob };

/**
 * How an embedded folder that held no database got one: copied from the build's template (then
 * migrated as usual), or created by initdb because the template could not be used, and why.
 */
export type EmbeddedFirstStart = { from: "template"; templateMigrations: string[] } | { from: "initdb"; reason: string };

/** An open database: the Kysely handle and a description for logs (never containing a password). */
export interface OpenDatabase {
  db: Kysely<Database>;
  description: string;
  /** Set when this open created the embedded database (its folder held none): for the start-up log. */
  firstStart?: EmbeddedFirstStart;
}

/** How a process opens its database. */
export interface OpenOptions {
  /** Who opens it, named to a second process that finds the embedded folder locked ("the server"). */
  purpose?: string;
  /** Refuse an embedded folder that holds no database yet, instead of creating one (for checks). */
  mustExist?: boolean;
}

/** Thrown when an embedded data folder that must hold a database does not. */
export class NoDatabaseError extends Error {
  constructor(readonly dataDir: string) {
    super(`There is no Accord database in ${dataDir}: the folder does not exist or holds no database (no PG_VERSION).`);
    this.name = "NoDatabaseError";
  }
}

/** Whether an embedded data folder holds a database (PostgreSQL's PG_VERSION marks one). */
export function embeddedDatabaseExists(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

/**
 * PostgreSQL's buffer pool inside an embedded PGlite. PostgreSQL's default, 128 MB, lives in PGlite's
 * WebAssembly memory, which never shrinks, and was most of an embedded server's memory; the folder's
 * files stay in the operating system's page cache besides, so a smaller pool costs a system call per
 * page it misses, not a disk read.
 */
export const embeddedSharedBuffers = "16MB";

/** PGlite's start parameters for every embedded database (and its template). */
export const embeddedStartParams = ["-c", `shared_buffers=${embeddedSharedBuffers}`];

/**
 * Opens the embedded database in `dataDir` on a worker thread of its own (pglite-in-worker.ts), so
 * that PostgreSQL's WebAssembly, which runs synchronously, does not hold the server's event loop.
 * A folder with no database yet gets the build's migrated template (embedded-template.ts); without a
 * usable one it is created by a child process that then ends: creating one (initdb) takes about half a
 * gigabyte that would otherwise stay with the server for a long while. The caller holds the folder's lock.
 */
async function openEmbeddedInWorker(
  dataDir: string,
  template: string | null,
): Promise<{ pglite: PGliteInWorker; firstStart?: EmbeddedFirstStart }> {
  const data = { dataDir, extraStartParams: embeddedStartParams };
  if (embeddedDatabaseExists(dataDir)) return { pglite: await PGliteInWorker.start(data) };
  let reason = "no template is configured (ACCORD_EMBEDDED_TEMPLATE is empty)";
  if (template !== null) {
    const read = readEmbeddedTemplate(template, await migrationProvider.getMigrations());
    if ("manifest" in read) {
      try {
        restoreEmbeddedTemplate(template, dataDir);
        const pglite = await PGliteInWorker.start(data);
        return { pglite, firstStart: { from: "template", templateMigrations: read.manifest.migrations } };
      } catch (error) {
        // Only what was just copied in is taken out: the folder held no database before.
        removeRestoredTemplate(template, dataDir);
        reason = `the database copied from the template at ${template} could not be used: ${error instanceof Error ? error.message : String(error)}`;
      }
    } else {
      reason = read.problem;
    }
  }
  await createEmbeddedFolder(data);
  return { pglite: await PGliteInWorker.start(data), firstStart: { from: "initdb", reason } };
}

/**
 * Opens the database the config names. PostgreSQL through `pg`; otherwise PGlite, real PostgreSQL in
 * WebAssembly, so that the same SQL and migrations run in both places. An embedded folder is locked for
 * this process until the database is destroyed (see data-dir-lock.ts): a second process refuses.
 */
export async function createDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<OpenDatabase> {
  let dialect: Dialect;
  let description: string;
  let afterDestroy: (() => Promise<void>) | undefined;
  let firstStart: EmbeddedFirstStart | undefined;
  if (config.kind === "postgres") {
    const url = new URL(config.url);
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    dialect = new PostgresDialect({ pool: poolPreparingStatements(pool) });
    description = `PostgreSQL at ${url.host}${url.pathname}`;
  } else if (config.kind === "embedded") {
    if (options.mustExist && !embeddedDatabaseExists(config.dataDir)) throw new NoDatabaseError(config.dataDir);
    const lock = lockDataDir(config.dataDir, options.purpose ?? `process ${process.argv.slice(1).join(" ")}`);
    let pglite: PGliteInWorker;
    try {
      ({ pglite, firstStart } = await openEmbeddedInWorker(
        config.dataDir,
        config.template === undefined ? defaultEmbeddedTemplateDir : config.template,
      ));
    } catch (error) {
      lock.release();
      throw error;
    }
    dialect = new PGliteWorkerDialect(pglite);
    // Kysely closes its driver only if it ever ran a query: close PGlite here too, then let go of the folder.
    afterDestroy = async () => {
      try {
        await pglite.close();
      } finally {
        lock.release();
      }
    };
    description = `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
  } else {
    dialect = new PGliteDialect(await PGlite.create(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}));
    description = "in-memory PGlite";
  }
  const db = new Kysely<Database>({ dialect });
  if (afterDestroy) {
    const destroy = db.destroy.bind(db);
    const then = afterDestroy;
    db.destroy = async () => {
      try {
        await destroy();
      } finally {
        await then();
      }
    };
  }
  return firstStart ? { db, description, firstStart } : { db, description };
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
