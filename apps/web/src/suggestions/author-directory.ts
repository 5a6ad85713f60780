import type { Member, Person } from "@accord/api-contract";
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api.js";
import type { AuthorDirectory } from "./suggestion-decorations.js";
import { suggestionsApi } from "./suggestions-api.js";
import type { AuthorInfo } from "./suggestion-wording.js";

/**
 * The names of the people whose suggestions are in the draft. Suggestion marks carry only a user id:
 * names come from the working group (GET /members) and, for authors outside it (a facilitator, a member
 * since removed), from GET /suggestions, which names every author.
 */

/** A directory holding `known`, plus the members and the named people. Later entries win. */
export function extendDirectory(
  known: AuthorDirectory,
  members: readonly Pick<Member, "userId" | "displayName" | "affiliation">[],
  people: readonly Person[],
): Map<string, AuthorInfo> {
  const directory = new Map(known);
  for (const member of members) directory.set(member.userId, { name: member.displayName, affiliation: member.affiliation });
  for (const person of people) directory.set(person.id, { name: person.name, affiliation: person.affiliation });
  return directory;
}

/** The user ids among `authorIds` that the directory cannot name. */
export function unnamedAuthors(directory: AuthorDirectory, authorIds: Iterable<string>): string[] {
  return [...new Set(authorIds)].filter((id) => !directory.has(id));
}

/**
 * Names for the authors of the draft's suggestions, starting with the signed-in person. Asks the
 * suggestions endpoint only when an author is unknown, and once per unknown author, so a failing or
 * unhelpful answer never turns into a loop; such an author is shown as "someone outside the group".
 */
export function useAuthorDirectory(policyId: string, authorIds: readonly string[], me: Person): AuthorDirectory {
  const [directory, setDirectory] = useState<AuthorDirectory>(() => extendDirectory(new Map(), [], [me]));
  const [membersSettled, setMembersSettled] = useState(false);
  const asked = useRef(new Set<string>());
  // One signal per policy: a question already sent stays wanted while the page shows this policy.
  const policySignal = useRef<AbortSignal | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    policySignal.current = controller.signal;
    asked.current = new Set();
    setMembersSettled(false);
    setDirectory(extendDirectory(new Map(), [], [me]));
    api.listMembers(policyId, controller.signal).then(
      (members) => {
        setDirectory((current) => extendDirectory(current, members, []));
        setMembersSettled(true);
      },
      // Names are a courtesy: without the members, GET /suggestions below still names the authors.
      () => !controller.signal.aborted && setMembersSettled(true),
    );
    return () => controller.abort();
  }, [policyId, me.id]);

  const missing = membersSettled ? unnamedAuthors(directory, authorIds).filter((id) => !asked.current.has(id)) : [];
  const missingKey = missing.join(",");
  useEffect(() => {
    const signal = policySignal.current;
    if (missing.length === 0 || !signal) return;
    for (const id of missing) asked.current.add(id);
    suggestionsApi.listSuggestions(policyId, signal).then(
      (suggestions) => {
        if (!signal.aborted)
          setDirectory((current) =>
            extendDirectory(
              current,
              [],
              suggestions.map((s) => s.author),
            ),
          );
      },
      () => {},
    );
  }, [policyId, missingKey]);

  return directory;
}
