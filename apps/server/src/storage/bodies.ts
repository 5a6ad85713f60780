import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { Database } from "./database.js";
import type { ApprovingBodiesTable, BodyRepresentativesTable } from "./tables/bodies.js";

export type ApprovingBodyRow = Selectable<ApprovingBodiesTable>;

/** An approving body as the API shows it, with its representatives (e-mail only for the facilitator). */
export interface ApprovingBodyView {
  id: string;
  name: string;
  description: string;
  representatives: { userId: string; displayName: string; email?: string }[];
}

export async function insertBody(db: Kysely<Database>, body: Insertable<ApprovingBodiesTable>): Promise<ApprovingBodyRow> {
  return db.insertInto("approving_bodies").values(body).returningAll().executeTakeFirstOrThrow();
}

export async function updateBody(db: Kysely<Database>, id: string, update: Updateable<ApprovingBodiesTable>): Promise<ApprovingBodyRow> {
  return db.updateTable("approving_bodies").set(update).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
}

export async function findBodyById(db: Kysely<Database>, id: string): Promise<ApprovingBodyRow | undefined> {
  return db.selectFrom("approving_bodies").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findBodyByName(db: Kysely<Database>, name: string): Promise<ApprovingBodyRow | undefined> {
  return db.selectFrom("approving_bodies").selectAll().where("name", "=", name).executeTakeFirst();
}

export async function findBodiesByIds(db: Kysely<Database>, ids: readonly string[]): Promise<ApprovingBodyRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("approving_bodies").selectAll().where("id", "in", ids).execute();
}

/** Bodies with their representatives; all of them, or those with the given ids. */
export async function listBodyViews(db: Kysely<Database>, ids?: readonly string[]): Promise<ApprovingBodyView[]> {
  if (ids && ids.length === 0) return [];
  let bodiesQuery = db.selectFrom("approving_bodies").selectAll().orderBy("name");
  if (ids) bodiesQuery = bodiesQuery.where("id", "in", ids);
  const bodies = await bodiesQuery.execute();
  if (bodies.length === 0) return [];
  const representatives = await db
    .selectFrom("body_representatives")
    .innerJoin("users", "users.id", "body_representatives.user_id")
    .select(["body_representatives.body_id", "users.id", "users.display_name", "users.email"])
    .where(
      "body_representatives.body_id",
      "in",
      bodies.map((body) => body.id),
    )
    .orderBy("users.display_name")
    .execute();
  return bodies.map((body) => ({
    id: body.id,
    name: body.name,
    description: body.description,
    representatives: representatives
      .filter((representative) => representative.body_id === body.id)
      .map((representative) => ({
        userId: representative.id,
        displayName: representative.display_name,
        email: representative.email,
      })),
  }));
}

export async function isRepresentative(db: Kysely<Database>, bodyId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("body_representatives")
    .select("user_id")
    .where("body_id", "=", bodyId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertRepresentative(db: Kysely<Database>, representative: Insertable<BodyRepresentativesTable>): Promise<void> {
  await db.insertInto("body_representatives").values(representative).execute();
}

export async function deleteRepresentative(db: Kysely<Database>, bodyId: string, userId: string): Promise<boolean> {
  const result = await db.deleteFrom("body_representatives").where("body_id", "=", bodyId).where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
