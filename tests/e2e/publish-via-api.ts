import * as Y from "yjs";
import { connectProvider } from "../support/collab-clients.js";
import { conditionTimeoutMs, demoPassword } from "./e2e-setup.js";

// Publishing through the API, as the facilitator, the editors and the bodies' representatives would in
// the app, so that the public site can be checked on content the test chose (hostile strings included).

/** A signed-in person: the session cookie to send. */
export interface Session {
  email: string;
  cookie: string;
}

/** A JSON answer of the API. */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** A small client of Accord's JSON API: same-origin `Origin` on every request, as the browser sends it. */
export class AccordApi {
  constructor(readonly origin: string) {}

  async login(email: string, password = demoPassword): Promise<Session> {
    const response = await fetch(`${this.origin}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: this.origin },
      body: JSON.stringify({ email, password }),
    });
    if (response.status !== 200) throw new Error(`Sign-in of ${email} answered ${response.status}: ${await response.text()}`);
    const cookie = response.headers.get("set-cookie")?.split(";")[0];
    if (!cookie) throw new Error(`Sign-in of ${email} set no cookie`);
    return { email, cookie };
  }

  async call(session: Session | null, method: string, url: string, payload?: unknown): Promise<ApiAnswer> {
    const headers: Record<string, string> = { origin: this.origin };
    if (session) headers["cookie"] = session.cookie;
    if (payload !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${this.origin}${url}`, {
      method,
      headers,
      ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
    });
    const text = await response.text();
    let body: Record<string, unknown>;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { text };
    }
    return { status: response.status, body };
  }

  /** Like `call`, but fails with the request and the answer unless the status is one of `expected`. */
  async expect(
    session: Session | null,
    method: string,
    url: string,
    payload: unknown,
    expected: number[] = [200, 201],
  ): Promise<Record<string, unknown>> {
    const answer = await this.call(session, method, url, payload);
    if (!expected.includes(answer.status)) {
      throw new Error(`${method} ${url} as ${session?.email ?? "nobody"} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  }
}

export interface Body {
  id: string;
  name: string;
}

export async function findBodies(api: AccordApi, session: Session): Promise<{ board: Body; union: Body }> {
  const { bodies } = (await api.expect(session, "GET", "/api/bodies", undefined)) as { bodies: Body[] };
  const board = bodies.find((body) => body.name === "Board of Police Commissioners");
  const union = bodies.find((body) => body.name === "Police Union");
  if (!board || !union) throw new Error(`The demo bodies are missing: ${JSON.stringify(bodies)}`);
  return { board, union };
}

export async function createAccount(api: AccordApi, facilitator: Session, email: string, displayName: string): Promise<string> {
  const { account } = (await api.expect(facilitator, "POST", "/api/accounts", { email, displayName, password: demoPassword })) as {
    account: { id: string };
  };
  return account.id;
}

export async function createPolicy(
  api: AccordApi,
  facilitator: Session,
  policy: { title: string; slug: string; summary: string },
): Promise<string> {
  const created = (await api.expect(facilitator, "POST", "/api/policies", policy)) as { policy: { id: string } };
  return created.policy.id;
}

export async function addEditor(
  api: AccordApi,
  facilitator: Session,
  policyId: string,
  userId: string,
  affiliation: string,
): Promise<void> {
  await api.expect(facilitator, "PUT", `/api/policies/${policyId}/members/${userId}`, { role: "editor", affiliation });
}

/** One block of a draft written through the collaboration socket. */
export type DraftBlock =
  { kind: "heading"; level: 1 | 2 | 3; text: string } | { kind: "paragraph"; text: string; link?: { text: string; href: string } };

/**
 * Replaces the whole draft with `blocks`, through the collaboration socket as the editor does (the only
 * way the draft's text changes), and waits until the server's committed draft has `sentinel` in it.
 */
export async function writeDraft(
  api: AccordApi,
  editor: Session,
  policyId: string,
  blocks: readonly DraftBlock[],
  sentinel: string,
): Promise<void> {
  const client = connectProvider(api.origin, policyId, editor.cookie);
  try {
    await Promise.race([
      client.synced,
      new Promise((_resolve, reject) =>
        setTimeout(() => reject(new Error(`The draft of ${policyId} did not sync: ${JSON.stringify(client.closes)}`)), conditionTimeoutMs),
      ),
    ]);
    const fragment = client.doc.getXmlFragment("prosemirror");
    client.doc.transact(() => {
      fragment.delete(0, fragment.length);
      fragment.push(
        blocks.map((block) => {
          const element = new Y.XmlElement(block.kind);
          const text = new Y.XmlText();
          if (block.kind === "heading") {
            element.setAttribute("level", block.level as unknown as string);
            text.insert(0, block.text);
          } else {
            text.insert(0, block.text);
            if (block.link) text.insert(text.length, block.link.text, { link: { href: block.link.href, title: null } });
          }
          element.insert(0, [text]);
          return element;
        }),
      );
    });
    const started = Date.now();
    for (;;) {
      const draft = await api.expect(editor, "GET", `/api/policies/${policyId}/draft`, undefined);
      if (JSON.stringify(draft).includes(JSON.stringify(sentinel).slice(1, -1))) break;
      if (client.closes.length > 0) throw new Error(`The server closed the draft socket: ${JSON.stringify(client.closes)}`);
      if (Date.now() - started > conditionTimeoutMs) throw new Error(`The draft never showed the new text; it is ${JSON.stringify(draft)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    client.destroy();
  }
}

/** Saves the draft as a version and returns its number and content hash. */
export async function saveVersion(
  api: AccordApi,
  editor: Session,
  policyId: string,
  label: string,
  note: string,
): Promise<{ number: number; contentHash: string }> {
  const { version } = (await api.expect(editor, "POST", `/api/policies/${policyId}/versions`, { label, note })) as {
    version: { number: number; contentHash: string };
  };
  return version;
}

export interface Publication {
  policyId: string;
  versionNumber: number;
  contentHash: string;
  facilitator: Session;
  /** Every editor whose sign-off the rule needs (one per affiliation by default). */
  editors: readonly Session[];
  /** Each required body's representative and what they record. */
  decisions: readonly { representative: Session; bodyId: string; reason: string; meetingReference: string }[];
  effectiveDate: string;
  note?: string;
}

/** Takes a saved version from proposal to publication: propose, sign off, approve, publish. */
export async function publishVersion(api: AccordApi, publication: Publication): Promise<string> {
  const { proposal } = (await api.expect(publication.facilitator, "POST", `/api/policies/${publication.policyId}/proposals`, {
    versionNumber: publication.versionNumber,
    contentHash: publication.contentHash,
    ...(publication.note !== undefined ? { note: publication.note } : {}),
  })) as { proposal: { id: string } };
  const actions = `/api/proposals/${proposal.id}/actions`;
  for (const editor of publication.editors) await api.expect(editor, "POST", actions, { kind: "sign_off" });
  for (const decision of publication.decisions) {
    await api.expect(decision.representative, "POST", actions, {
      kind: "record_decision",
      bodyId: decision.bodyId,
      decision: "approve",
      reason: decision.reason,
      meetingDate: "2026-12-01",
      meetingReference: decision.meetingReference,
    });
  }
  const published = (await api.expect(publication.facilitator, "POST", actions, {
    kind: "publish",
    effectiveDate: publication.effectiveDate,
  })) as {
    proposal: { stage: string };
  };
  if (published.proposal.stage !== "published") throw new Error(`The proposal ended in stage ${published.proposal.stage}, not published`);
  return proposal.id;
}
