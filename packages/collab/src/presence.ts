import { affiliationColors, facilitatorColor, type Affiliation } from "@accord/domain";

/** What others see of a connected person. It comes from the session, never from the client. */
export interface Presence {
  userId: string;
  name: string;
  affiliation: Affiliation | null;
  color: string;
}

/** The presence of a user, coloured by their affiliation in the working group. */
export function presenceFor(user: { id: string; displayName: string }, affiliation: Affiliation | null): Presence {
  return {
    userId: user.id,
    name: user.displayName,
    affiliation,
    color: affiliation ? affiliationColors[affiliation] : facilitatorColor,
  };
}
