import type { Account, SignedInAccount } from "@accord/api-contract";
import type { CurrentUser } from "../auth/sessions.js";
import type { AccountView } from "../storage/accounts.js";

/** An account as the facilitator's people pages show it. */
export function presentAccount(account: AccountView): Account {
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    isFacilitator: account.isFacilitator,
    disabled: account.disabled,
    createdAt: account.createdAt,
  };
}

/** The signed-in person, from their session. */
export function presentSignedInAccount(user: CurrentUser): SignedInAccount {
  return { id: user.id, email: user.email, displayName: user.displayName, isFacilitator: user.isFacilitator };
}
