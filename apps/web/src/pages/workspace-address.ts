import { paths } from "../paths.js";

/**
 * The addresses of one policy's page. The page is its draft with a side panel of tabs; the address names
 * the open tab (`/app/policies/<id>#sign-off`) or, on the Versions tab, the version shown
 * (`/app/policies/<id>/versions/3`), so that any view of it can be copied, shared and reloaded.
 */

/** What the address says to show beside the draft: a tab, and on the Versions tab perhaps one version. */
export interface WorkspacePlace {
  tab: string;
  /** The version shown on the Versions tab, as the address spells it (it may name none that exists). */
  version: string | null;
}

/** The id of the side panel's Versions tab, which `/versions/<n>` opens. */
export const versionsTab = "versions";

/**
 * The address of `place` on the page of `policyId`, keeping the query (`?thread=…`): the version's own
 * path when the Versions tab shows one, else the policy's path with the tab as its fragment.
 */
export function workspaceAddress(policyId: string, place: WorkspacePlace, search = ""): string {
  if (place.tab === versionsTab && place.version !== null) {
    return `${paths.policy(policyId)}/versions/${encodeURIComponent(place.version)}${search}`;
  }
  return `${paths.policy(policyId)}${search}#${encodeURIComponent(place.tab)}`;
}

const policyPage = /^\/app\/policies\/([^/?#]+)(?:\/versions\/[^/?#]+)?\/?(?:[?#]|$)/;

/**
 * The policy whose page an app address shows (its draft, with any tab or version beside it), or null for
 * any other page. `/app/policies/new` is the new-policy flow, not a policy.
 */
export function policyPageOf(address: string): string | null {
  const id = policyPage.exec(address)?.[1];
  return id === undefined || id === "new" ? null : decodeURIComponent(id);
}

/**
 * True when going from one address to the other stays on the same policy's page (another tab, another
 * version): the page is not replaced, so focus and scrolling stay where the person is.
 */
export function samePolicyPage(from: string, to: string): boolean {
  const policy = policyPageOf(from);
  return policy !== null && policy === policyPageOf(to);
}
