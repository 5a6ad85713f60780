// The tables of the notification-preferences aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/notification-preferences.ts` builds its
// row types and queries on them.

/** The `notification_email_preferences` table: a person's choice of e-mail for one kind of notification. */
export interface NotificationEmailPreferencesTable {
  user_id: string;
  kind: string;
  email: boolean;
  updated_at: Date;
}
