import * as Y from "yjs";
import type { TestAccord } from "./test-app.js";

/** The demo people of a fresh policy's working group: role and affiliation by sign-in name. */
export const freshWorkingGroup = [
  ["officer", "editor", "police"],
  ["citizen", "editor", "citizen"],
  ["prosecutor", "editor", "prosecutor"],
  ["advocate", "commenter", "community"],
  ["observer", "viewer", "citizen"],
] as const;

/**
 * A new policy (so that no demo suggestion is in the way) with the demo people in its working group.
 * Returns its id and every demo account's id by sign-in name ("officer" for officer@accord.test).
 */
export async function createPolicyWithWorkingGroup(
  accord: TestAccord,
  facilitatorCookie: string,
  title: string,
): Promise<{ policyId: string; userIds: Record<string, string> }> {
  const created = await accord.request({ method: "POST", url: "/api/policies", cookie: facilitatorCookie, payload: { title } });
  if (created.statusCode !== 201) throw new Error(`Could not create the policy: ${created.body}`);
  const policyId: string = created.json().policy.id;
  const accounts = (await accord.request({ url: "/api/accounts", cookie: facilitatorCookie })).json().accounts as {
    id: string;
    email: string;
  }[];
  const userIds = Object.fromEntries(accounts.map((account) => [account.email.split("@")[0]!, account.id]));
  for (const [name, role, affiliation] of freshWorkingGroup) {
    const response = await accord.request({
      method: "PUT",
      url: `/api/policies/${policyId}/members/${userIds[name]}`,
      cookie: facilitatorCookie,
      payload: { role, affiliation },
    });
    if (response.statusCode >= 300) throw new Error(`Could not add ${name}: ${response.body}`);
  }
  return { policyId, userIds };
}

/** Appends a numbered heading to a client's draft, as y-prosemirror would store it. */
export function appendHeading(doc: Y.Doc, level: 1 | 2 | 3, text: string): void {
  const heading = new Y.XmlElement("heading");
  heading.setAttribute("level", level as never);
  heading.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment("prosemirror").push([heading]);
}

/** Waits until an async condition holds, checking every 20 ms; fails with the message after the timeout. */
export async function eventuallyAsync(condition: () => Promise<boolean>, message: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
