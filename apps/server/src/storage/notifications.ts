import { sql, type Insertable, type Kysely, type RawBuilder, type Selectable } from "kysely";
import type { Database } from "./database.js";
import type { NotificationsTable } from "./tables/notifications.js";

export type NotificationRow = Selectable<NotificationsTable>;
export type NewNotificationRow = Insertable<NotificationsTable>;

/**
 * Of the given user ids, those whose accounts exist and are not disabled, each once. A disabled account
 * gets no notification: it cannot sign in to read it, and its owner may have left the process.
 */
export async function findActiveRecipientIds(db: Kysely<Database>, userIds: readonly string[]): Promise<string[]> {
  // Ids come from documents too (a suggestion mark names its author): one that is not a UUID names no
  // account, and must not reach PostgreSQL's uuid column, which would refuse the whole transaction.
  const unique = [...new Set(userIds)].filter((id) => uuidPattern.test(id));
  if (unique.length === 0) return [];
  const rows = await db.selectFrom("users").select("id").where("id", "in", unique).where("disabled_at", "is", null).execute();
  const active = new Set(rows.map((row) => row.id));
  return unique.filter((id) => active.has(id));
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Inserts notifications (several at once). */
export async function insertNotifications(db: Kysely<Database>, rows: readonly NewNotificationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("notifications")
    .values([...rows])
    .execute();
}

/** A user's newest notifications, newest first, and how many of all theirs are unread (obsolete ones are not). */
export async function listNotificationsForUser(
  db: Kysely<Database>,
  userId: string,
  limit: number,
): Promise<{ notifications: NotificationRow[]; unread: number }> {
  const notifications = await db
    .selectFrom("notifications")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  const counted = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .where("obsolete_at", "is", null)
    .executeTakeFirstOrThrow();
  return { notifications, unread: Number(counted.count) };
}

/**
 * Marks one of the user's notifications read, keeping the time it was first read. False when the user
 * has no notification with that id (another user's counts as none).
 */
export async function markNotificationRead(db: Kysely<Database>, userId: string, id: string, now: Date): Promise<boolean> {
  const updated = await db
    .updateTable("notifications")
    .set((eb) => ({ read_at: eb.fn.coalesce("read_at", eb.val(now)) }))
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .returning("id")
    .executeTakeFirst();
  return updated !== undefined;
}

/** Marks every unread notification of the user read; returns how many changed. */
export async function markAllNotificationsRead(db: Kysely<Database>, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable("notifications")
    .set({ read_at: now })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Marks the notifications of the given kinds about the given proposals obsolete (once: the first time is
 * kept), and cancels their e-mails not yet sent: a request that lapsed is not news, and an e-mail
 * asking for it would mislead. An e-mail already being sent goes out; its row then reads obsolete.
 */
export async function markProposalNotificationsObsolete(
  db: Kysely<Database>,
  proposalIds: readonly string[],
  kinds: readonly string[],
  now: Date,
): Promise<void> {
  if (proposalIds.length === 0 || kinds.length === 0) return;
  await db
    .updateTable("notifications")
    .set((eb) => ({
      obsolete_at: eb.fn.coalesce("obsolete_at", eb.val(now)),
      email_status: eb
        .case()
        .when("email_status", "=", "pending")
        .then("skipped" as const)
        .else(eb.ref("email_status"))
        .end(),
    }))
    .where("proposal_id", "in", [...proposalIds])
    .where("kind", "in", [...kinds])
    .execute();
}

/** A notification claimed for e-mailing, with its recipient's address. */
export interface ClaimedEmail {
  id: string;
  recipientEmail: string;
  recipientName: string;
  /** Disabled since the notification was written: it is skipped, not sent. */
  recipientDisabled: boolean;
  /** The recipient's account. */
  userId: string;
  /** What kind of notification it is ("account_invited", …). */
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: Date;
  /** Attempts so far, counting the one this claim starts. */
  attempts: number;
}

/** The database's clock `ms` milliseconds from now: leases compare against one clock, whichever process wrote them. */
function databaseTimeIn(ms: number): RawBuilder<Date> {
  return sql<Date>`now() + ${Math.max(0, Math.round(ms))} * interval '1 millisecond'`;
}

/** How a mailer claims: who it is, how long a claim holds, and the limits of one claim. */
export interface EmailClaim {
  limit: number;
  maxAttempts: number;
  /** This process's mailer, written on each row it claims. */
  claimer: string;
  /** How long the claim holds before another process may take the e-mail again (a crashed claimer's). */
  leaseMs: number;
  /** E-mails this process is waiting to retry (its own timer; the database says the same). */
  excludeIds?: readonly string[];
}

/**
 * Claims up to `limit` pending e-mails, oldest first, and counts the attempt each claim starts, in one
 * short transaction of its own (pass the root handle, not a transaction). Rows another claimer holds
 * locked are skipped rather than waited for, and so are rows whose lease (or retry wait) has not ended:
 * several processes share the outbox, each e-mail claimed by one at a time. The attempt is counted
 * before sending, so that a message which crashes the process mid-send still runs out of attempts
 * instead of being retried for ever.
 */
export async function claimPendingEmails(db: Kysely<Database>, options: EmailClaim): Promise<ClaimedEmail[]> {
  return db.transaction().execute(async (trx) => {
    let pending = trx
      .selectFrom("notifications")
      .select("id")
      .where("email_status", "=", "pending")
      .where("email_attempts", "<", options.maxAttempts)
      .where((eb) => eb.or([eb("email_claimed_until", "is", null), eb("email_claimed_until", "<=", sql<Date>`now()`)]))
      .orderBy("created_at")
      .orderBy("id")
      .limit(options.limit)
      .forUpdate()
      .skipLocked();
    if (options.excludeIds && options.excludeIds.length > 0) pending = pending.where("id", "not in", [...options.excludeIds]);
    const ids = (await pending.execute()).map((row) => row.id);
    if (ids.length === 0) return [];
    const rows = await trx
      .updateTable("notifications")
      .set((eb) => ({
        email_attempts: eb("notifications.email_attempts", "+", 1),
        email_claimed_by: options.claimer,
        email_claimed_until: databaseTimeIn(options.leaseMs),
      }))
      .from("users")
      .whereRef("users.id", "=", "notifications.user_id")
      .where("notifications.id", "in", ids)
      .returning([
        "notifications.id",
        "users.email",
        "users.display_name",
        "users.disabled_at",
        "notifications.user_id",
        "notifications.kind",
        "notifications.title",
        "notifications.body",
        "notifications.link",
        "notifications.created_at",
        "notifications.email_attempts",
      ])
      .execute();
    return rows
      .map((row) => ({
        id: row.id,
        recipientEmail: row.email,
        recipientName: row.display_name,
        recipientDisabled: row.disabled_at !== null,
        userId: row.user_id,
        kind: row.kind,
        title: row.title,
        body: row.body,
        link: row.link,
        createdAt: new Date(row.created_at),
        attempts: row.email_attempts,
      }))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  });
}

/**
 * Extends this claimer's lease on one e-mail right before sending it, and answers whether the claim is
 * still its own: false when the lease ran out and another process took the e-mail (or it is no longer
 * pending), and then this process must not send it.
 */
export async function renewEmailClaim(db: Kysely<Database>, id: string, claimer: string, leaseMs: number): Promise<boolean> {
  const renewed = await db
    .updateTable("notifications")
    .set({ email_claimed_until: databaseTimeIn(leaseMs) })
    .where("id", "=", id)
    .where("email_status", "=", "pending")
    .where("email_claimed_by", "=", claimer)
    .returning("id")
    .executeTakeFirst();
  return renewed !== undefined;
}

/** A failed attempt: the e-mail is free again, for any process, once `waitMs` has passed. */
export async function postponeEmail(db: Kysely<Database>, id: string, waitMs: number): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ email_claimed_by: null, email_claimed_until: databaseTimeIn(waitMs) })
    .where("id", "=", id)
    .where("email_status", "=", "pending")
    .execute();
}

/** Gives back claims that were never attempted (the sender stopped first), so they keep their attempts and are free at once. */
export async function releaseEmailClaims(db: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("notifications")
    .set((eb) => ({ email_attempts: eb("email_attempts", "-", 1), email_claimed_by: null, email_claimed_until: null }))
    .where("id", "in", [...ids])
    .where("email_status", "=", "pending")
    .where("email_attempts", ">", 0)
    .execute();
}

/** Records that the e-mail went out. */
export async function markEmailSent(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db.updateTable("notifications").set({ email_status: "sent", emailed_at: now }).where("id", "=", id).execute();
}

/** Records that the e-mail will never be sent: every attempt failed. */
export async function markEmailFailed(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable("notifications").set({ email_status: "failed" }).where("id", "=", id).execute();
}

/** Records that the e-mail is not to be sent (its recipient was disabled meanwhile). */
export async function markEmailSkipped(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable("notifications").set({ email_status: "skipped" }).where("id", "=", id).execute();
}

/**
 * Fails pending e-mails that have used all their attempts: left so by a process that stopped or crashed
 * during its last attempt (once its lease has run out), or by a lowered attempt limit. Returns how many.
 */
export async function failExhaustedEmails(db: Kysely<Database>, maxAttempts: number): Promise<number> {
  const result = await db
    .updateTable("notifications")
    .set({ email_status: "failed" })
    .where("email_status", "=", "pending")
    .where("email_attempts", ">=", maxAttempts)
    // Not one whose last attempt another process is making now (its lease holds).
    .where((eb) => eb.or([eb("email_claimed_until", "is", null), eb("email_claimed_until", "<=", sql<Date>`now()`)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
