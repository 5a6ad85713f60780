import type { Account, SignedInAccount } from "@accord/api-contract";
import type { Affiliation } from "@accord/domain";
import type { CurrentUser } from "../auth/sessions.js";
import type { AccountRow } from "../storage/accounts.js";

/** An account as the facilitator's people pages show it: never its password hash. */
export function presentAccount(row: AccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    isFacilitator: row.is_facilitator,
    disabled: row.disabled_at !== null,
    createdAt: new Date(row.created_at).toISOString(),
    defaultAffiliation: row.default_affiliation as Affiliation | null,
  };
}

/** The signed-in person, from their session. */
export function presentSignedInAccount(user: CurrentUser): SignedInAccount {
  return { id: user.id, email: user.email, displayName: user.displayName, isFacilitator: user.isFacilitator };
}
