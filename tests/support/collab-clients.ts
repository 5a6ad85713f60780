import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

/** How a socket ended: its close code and reason. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/** The ws WebSocket with Accord's cookie and Origin on the upgrade, as a browser would send them. */
function socketClassFor(headers: Record<string, string>): typeof WebSocket {
  return class AuthenticatedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as typeof WebSocket;
}

/** A stock y-websocket provider client in Node, as the editor uses it. */
export interface ProviderClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Every close the provider saw. */
  closes: CloseInfo[];
  /** Resolves once the first sync with the server is done. */
  synced: Promise<void>;
  destroy(): void;
}

export function connectProvider(
  origin: string,
  policyId: string,
  cookie: string,
  options: { doc?: Y.Doc; params?: Record<string, string>; originHeader?: string } = {},
): ProviderClient {
  const doc = options.doc ?? new Y.Doc();
  const wsOrigin = origin.replace(/^http/, "ws");
  const provider = new WebsocketProvider(`${wsOrigin}/collab`, policyId, doc, {
    WebSocketPolyfill: socketClassFor({ cookie, origin: options.originHeader ?? origin }) as never,
    params: options.params ?? {},
    disableBc: true,
  });
  const closes: CloseInfo[] = [];
  provider.on("connection-close", (event: { code: number; reason: string } | null) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.once("sync", (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    closes,
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** A raw socket for protocol-level tests: every message it received, and how it closed. */
export interface RawClient {
  socket: WebSocket;
  received: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<CloseInfo>;
  /** Resolves when the upgrade was refused: the HTTP status, with no 101. */
  refused: Promise<number | null>;
}

export function connectRaw(origin: string, path: string, headers: Record<string, string>): RawClient {
  const socket = new WebSocket(`${origin.replace(/^http/, "ws")}${path}`, { headers });
  const received: Uint8Array[] = [];
  socket.binaryType = "nodebuffer";
  socket.on("message", (data: Buffer) => received.push(new Uint8Array(data)));
  const opened = new Promise<void>((resolve) => socket.once("open", () => resolve()));
  const refused = new Promise<number | null>((resolve) => {
    socket.once("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? null);
      socket.terminate();
    });
    socket.once("open", () => resolve(null));
  });
  socket.on("error", () => undefined);
  const closed = new Promise<CloseInfo>((resolve) =>
    socket.once("close", (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
  );
  return { socket, received, opened, closed, refused };
}

/** Waits until the condition holds, checking every 20 ms; fails with the message after the timeout. */
export async function eventually(condition: () => boolean, message: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Appends a paragraph holding the text to a client's draft, as y-prosemirror would store it. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment("prosemirror").push([paragraph]);
}

/** The content of a client's draft as XML text, for comparing what clients and the server hold. */
export function draftText(doc: Y.Doc): string {
  return doc.getXmlFragment("prosemirror").toString();
}

/**
 * Appends a paragraph of runs to a client's draft, as y-prosemirror would store it: each run plain or
 * with format attributes (marks, such as `{ insertion: { id, author, affiliation, time } }`).
 */
export function appendRuns(doc: Y.Doc, runs: readonly (readonly [string, Record<string, unknown>?])[]): void {
  const text = new Y.XmlText();
  text.applyDelta(runs.map(([insert, attributes]) => (attributes ? { insert, attributes } : { insert })));
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [text]);
  doc.getXmlFragment("prosemirror").push([paragraph]);
}
