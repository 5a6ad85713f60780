import type { Person } from "@accord/api-contract";
import type { Person as PersonOnPolicy } from "../storage/people.js";

/** Someone as a policy's comments and suggestions show them: id, name, affiliation in its working group. */
export function presentPerson(person: PersonOnPolicy): Person {
  return { id: person.id, name: person.name, affiliation: person.affiliation };
}
