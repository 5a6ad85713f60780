import { Type, type Static } from "typebox";
import { Closed, NullableString } from "./schema-kit.js";

/**
 * Someone as a policy's comments and suggestions show them: name, and affiliation in its working group
 * (null outside it: the facilitator, a body's representative; for a suggestion's author whose id names
 * no account, the affiliation its mark records).
 */
export const PersonSchema = Closed({ id: Type.String(), name: Type.String(), affiliation: NullableString });
export type Person = Static<typeof PersonSchema>;
