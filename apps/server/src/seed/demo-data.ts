import type { Kysely } from "kysely";
import type { Affiliation, PolicyRole } from "@accord/domain";
import { bodyWornCameraDemoDocument, parsePolicyDocument } from "@accord/policy-schema";
import { hashPassword } from "../auth/passwords.js";
import { encodeDraftState } from "../drafts/yjs-draft.js";
import { countAccounts, insertAccount } from "../storage/accounts.js";
import { appendAuditEvent } from "../storage/audit-events.js";
import { insertBody, insertRepresentative } from "../storage/bodies.js";
import type { Database } from "../storage/database.js";
import { insertDraftDocument } from "../storage/drafts.js";
import { insertMember, insertPolicy, replaceRequiredBodies } from "../storage/policies.js";
import { seedDemoCommentPeriod } from "./demo-comment-period.js";
import { seedDemoApprovalRecord, type DemoCast } from "./demo-approval-record.js";
import { insertDemoDiscussion, prepareDemoDiscussion } from "./demo-discussion.js";
import { insertDemoDecisions, withDemoSuggestions } from "./demo-suggestions.js";
import { seedDemoAcknowledgements } from "./demo-acknowledgements.js";

/** The password of every demo account (DOMAIN.md's contract). */
export const demoPassword = "accord-demo";

/** The slug of the demo policy (DOMAIN.md's contract). */
export const demoPolicySlug = "body-worn-cameras";

interface DemoAccount {
  email: string;
  displayName: string;
  isFacilitator?: boolean;
  /** Role and affiliation in the body-worn camera working group. */
  member?: { role: PolicyRole; affiliation: Affiliation };
  /** The approving body this person represents. */
  represents?: "board" | "union";
}

/** The demo accounts, as DOMAIN.md lists them. */
export const demoAccounts: readonly DemoAccount[] = [
  { email: "facilitator@accord.test", displayName: "Dana Whitfield (Facilitator)", isFacilitator: true },
  { email: "officer@accord.test", displayName: "Sgt. Marcus Reyes", member: { role: "editor", affiliation: "police" } },
  { email: "citizen@accord.test", displayName: "Priya Natarajan", member: { role: "editor", affiliation: "citizen" } },
  { email: "prosecutor@accord.test", displayName: "ADA Helen Okafor", member: { role: "editor", affiliation: "prosecutor" } },
  { email: "advocate@accord.test", displayName: "Jamal Carter", member: { role: "commenter", affiliation: "community" } },
  { email: "observer@accord.test", displayName: "Lena Kowalski", member: { role: "viewer", affiliation: "citizen" } },
  { email: "board@accord.test", displayName: "Commissioner Ruth Alvarez", represents: "board" },
  { email: "union@accord.test", displayName: "Tom Brennan (Police Union)", represents: "union" },
];

const demoBodies = {
  board: { name: "Board of Police Commissioners", description: "The civilian board that sets department policy." },
  union: { name: "Police Union", description: "The officers' union, whose agreement covers working conditions." },
} as const;

/**
 * Seeds the demo on an empty database: the accounts, the two approving bodies, and the body-worn camera
 * policy with its working group and draft. One transaction: either all of it exists or none of it, so a
 * failed seed is simply retried at the next start. Returns false when the database was not empty.
 */
export async function seedDemoData(db: Kysely<Database>, now: Date): Promise<boolean> {
  // The group was set up three months ago; version 1 went through approval since (see the record).
  const foundedAt = new Date(now.getTime() - 90 * 24 * 60 * 60 * 1000);
  if ((await countAccounts(db)) > 0) return false;
  // Hash before the transaction: argon2 is slow, and the transaction should stay short.
  const passwordHashes = await Promise.all(demoAccounts.map(() => hashPassword(demoPassword)));
  // The demo department's officers (issue 18) share one hash of the same demo password.
  const officerPasswordHash = await hashPassword(demoPassword);
  // Ids first: the draft's pending suggestions name their authors.
  const accountIds = new Map(demoAccounts.map((account) => [account.email, crypto.randomUUID()]));
  const suggester = (email: string) => {
    const account = demoAccounts.find((candidate) => candidate.email === email);
    if (!account?.member) throw new Error(`The demo account ${email} is not in the working group.`);
    return { userId: accountIds.get(email) ?? "", affiliation: account.member.affiliation };
  };
  const people = {
    advocate: suggester("advocate@accord.test"),
    officer: suggester("officer@accord.test"),
    prosecutor: suggester("prosecutor@accord.test"),
    citizen: suggester("citizen@accord.test"),
  };
  const draftDocument = withDemoSuggestions(parsePolicyDocument(bodyWornCameraDemoDocument), people, now);
  const discussion = prepareDemoDiscussion(encodeDraftState(draftDocument.toJSON()), {
    officer: accountIds.get("officer@accord.test") ?? "",
    citizen: accountIds.get("citizen@accord.test") ?? "",
    prosecutor: accountIds.get("prosecutor@accord.test") ?? "",
    advocate: accountIds.get("advocate@accord.test") ?? "",
  });

  return db.transaction().execute(async (trx) => {
    // Re-check inside the transaction: two processes starting at once must not both seed.
    if ((await countAccounts(trx)) > 0) return false;
    const audit = (action: string, subjectType: string, subjectId: string, payload: Record<string, string | boolean | string[]>) =>
      appendAuditEvent(trx, { occurredAt: foundedAt, actorId: null, action, subjectType, subjectId, payload: { ...payload, demo: true } });

    for (const [index, account] of demoAccounts.entries()) {
      const row = await insertAccount(trx, {
        id: accountIds.get(account.email) ?? "",
        email: account.email,
        display_name: account.displayName,
        password_hash: passwordHashes[index] ?? "",
        is_facilitator: account.isFacilitator ?? false,
        // The affiliation each demo member has on the body-worn camera policy: the new-policy flow fills it in.
        default_affiliation: account.member?.affiliation ?? null,
        created_at: foundedAt,
        password_changed_at: foundedAt,
      });
      await audit("account.created", "account", row.id, {
        email: row.email,
        displayName: row.display_name,
        isFacilitator: row.is_facilitator,
      });
    }

    const bodyIds: Record<keyof typeof demoBodies, string> = { board: "", union: "" };
    for (const key of ["board", "union"] as const) {
      const body = await insertBody(trx, { id: crypto.randomUUID(), ...demoBodies[key], created_at: foundedAt });
      bodyIds[key] = body.id;
      await audit("body.created", "body", body.id, { name: body.name });
    }
    for (const account of demoAccounts) {
      if (!account.represents) continue;
      const userId = accountIds.get(account.email) ?? "";
      await insertRepresentative(trx, { body_id: bodyIds[account.represents], user_id: userId, added_at: foundedAt });
      await audit("body.representative_added", "body", bodyIds[account.represents], { userId });
    }

    const policy = await insertPolicy(trx, {
      id: crypto.randomUUID(),
      slug: demoPolicySlug,
      title: "Body-Worn Camera Policy",
      summary:
        "When officers must record, how recordings are kept and who may see them: the department's rules for body-worn cameras, drafted with the community.",
      created_by: accountIds.get("facilitator@accord.test") ?? null,
      created_at: foundedAt,
      updated_at: foundedAt,
    });
    await audit("policy.created", "policy", policy.id, { slug: policy.slug, title: policy.title });
    await insertDraftDocument(trx, policy.id, discussion.draftState, foundedAt);

    for (const account of demoAccounts) {
      if (!account.member) continue;
      const userId = accountIds.get(account.email) ?? "";
      await insertMember(trx, { policy_id: policy.id, user_id: userId, ...account.member, added_at: foundedAt });
      await audit("member.added", "policy", policy.id, { userId, ...account.member });
    }
    await insertDemoDiscussion(trx, policy.id, discussion.threads, now);
    await insertDemoDecisions(trx, policy.id, people, now);
    const requiredBodyIds = [bodyIds.board, bodyIds.union].sort();
    await replaceRequiredBodies(trx, policy.id, requiredBodyIds);
    await audit("policy.required_bodies_set", "policy", policy.id, { bodyIds: requiredBodyIds });

    await seedDemoApprovalRecord(
      trx,
      {
        policyId: policy.id,
        facilitatorId: accountIds.get("facilitator@accord.test") ?? "",
        members: demoAccounts.flatMap((account) =>
          account.member ? [{ userId: accountIds.get(account.email) ?? "", ...account.member } as DemoCast["members"][number]] : [],
        ),
        board: { bodyId: bodyIds.board, name: demoBodies.board.name, representativeId: accountIds.get("board@accord.test") ?? "" },
        union: { bodyId: bodyIds.union, name: demoBodies.union.name, representativeId: accountIds.get("union@accord.test") ?? "" },
      },
      now,
    );
    // The second policy, open for public comment (issue 17).
    await seedDemoCommentPeriod(
      trx,
      {
        facilitatorId: accountIds.get("facilitator@accord.test") ?? "",
        members: demoAccounts.flatMap((account) =>
          account.member ? [{ userId: accountIds.get(account.email) ?? "", ...account.member }] : [],
        ),
        requiredBodyIds,
      },
      now,
    );
    await seedDemoAcknowledgements(
      trx,
      { policyId: policy.id, facilitatorId: accountIds.get("facilitator@accord.test") ?? "", passwordHash: officerPasswordHash },
      now,
    );
    return true;
  });
}
