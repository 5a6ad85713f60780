// The tables of the bodies aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/bodies.ts` builds its
// row types and queries on them.

/** The `approving_bodies` table: the Board of Police Commissioners, the Police Union, and any others. */
export interface ApprovingBodiesTable {
  id: string;
  name: string;
  description: string;
  created_at: Date;
}

/** The `body_representatives` table: who may record a body's decision. */
export interface BodyRepresentativesTable {
  body_id: string;
  user_id: string;
  added_at: Date;
}
