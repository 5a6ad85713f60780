import type { IncomingMessage } from "node:http";
import type pg from "pg";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

// Clients of a cluster: stock y-websocket providers through the load balancer that also note which
// process each of their connections landed on (haproxy names it in X-Accord-Backend on the 101 answer),
// and the stored draft read straight from PostgreSQL, the truth every client is compared with.

/** A y-websocket provider through the load balancer, knowing which process each connection reached. */
export interface ClusterClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The process of each connection so far, in order (accord1, accord2, …). */
  backends: string[];
  /** Resolves once the first sync is done. */
  synced: Promise<void>;
  /** The process of the current connection (the last one that opened). */
  backend(): string | undefined;
  destroy(): void;
}

export function connectClusterClient(origin: string, policyId: string, cookie: string): ClusterClient {
  const doc = new Y.Doc();
  const backends: string[] = [];
  const headers = { cookie, origin };
  class NotingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
      this.once("upgrade", (response: IncomingMessage) => {
        const backend = response.headers["x-accord-backend"];
        backends.push(typeof backend === "string" ? backend : "unknown");
      });
    }
  }
  const provider = new WebsocketProvider(`${origin.replace(/^http/, "ws")}/collab`, policyId, doc, {
    WebSocketPolyfill: NotingWebSocket as never,
    disableBc: true,
    // Reconnect quickly after a process dies (the default backs off up to 2.5 s).
    maxBackoffTime: 500,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.once("sync", (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    backends,
    synced,
    backend: () => backends.at(-1),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The text of each top-level paragraph of a draft, in order. */
export function paragraphsOf(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment("prosemirror")
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((child) => (child instanceof Y.XmlText ? child.toString() : ""))
            .join("")
        : "",
    );
}

/** Appends a paragraph holding the text, as y-prosemirror would. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment("prosemirror").push([paragraph]);
}

/**
 * The draft as PostgreSQL stores it: the snapshot with every logged update applied (applying one twice
 * changes nothing in Yjs, so which were compacted does not matter).
 */
export async function storedDraft(pool: pg.Pool, policyId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const snapshot = await pool.query<{ state: Buffer }>("select state from draft_documents where policy_id = $1", [policyId]);
  if (snapshot.rows[0]) Y.applyUpdate(doc, new Uint8Array(snapshot.rows[0].state));
  const updates = await pool.query<{ update: Buffer }>("select update from draft_updates where policy_id = $1 order by seq", [policyId]);
  for (const row of updates.rows) Y.applyUpdate(doc, new Uint8Array(row.update));
  return doc;
}

/** Signs a person in through `origin` (demo password by default); their session cookie. */
export async function signIn(origin: string, email: string, password = "accord-demo"): Promise<string> {
  const response = await fetch(`${origin}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`Sign-in of ${email} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`Sign-in of ${email} set no cookie`);
  return cookie;
}

/** A raw collaboration socket through the load balancer: where it landed, and how it closed. */
export interface ClusterSocket {
  socket: WebSocket;
  /** The process haproxy sent it to. */
  backend: Promise<string>;
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string; at: number }>;
}

export function openClusterSocket(origin: string, policyId: string, cookie: string): ClusterSocket {
  const socket = new WebSocket(`${origin.replace(/^http/, "ws")}/collab/${policyId}`, { headers: { cookie, origin } });
  socket.on("error", () => undefined);
  const backend = new Promise<string>((resolve) =>
    socket.once("upgrade", (response: IncomingMessage) => {
      const name = response.headers["x-accord-backend"];
      resolve(typeof name === "string" ? name : "unknown");
    }),
  );
  const opened = new Promise<void>((resolve) => socket.once("open", () => resolve()));
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
    socket.once("close", (code: number, reason: Buffer) => resolve({ code, reason: reason.toString(), at: performance.now() })),
  );
  return { socket, backend, opened, closed };
}
