import fp from "fastify-plugin";
import fastifyWebsocket from "@fastify/websocket";
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AccordError } from "@accord/domain";
import { collabCloseCodes } from "@accord/collab";
import type { RequestAccess } from "../access/request-access.js";
import { lineageOf } from "../drafts/yjs-draft.js";
import type { EventBus } from "../events/event-bus.js";
import { collabAccessOf, lostWriteAccess, type CollabAccess } from "./collab-access.js";
import { CollabConnection, type CollabLimits, type DraftClientRecorder } from "./collab-connection.js";
import type { CollabCore } from "./collab-core.js";
import type { DocumentRegistry } from "./document-registry.js";
import { InMemorySuggestionCheckBudget, type SuggestionCheckBudget } from "./suggestion-check-budget.js";
import { SuggestionCheckQueue } from "./suggestion-check-queue.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The loaded collaborative drafts (for the state-vector route, tests and metrics). */
    collabRegistry: DocumentRegistry;
  }
  interface FastifyRequest {
    collabAccess?: CollabAccess;
  }
}

export interface CollabPluginOptions {
  /** Who is asking and what they may do on the policy: the same resolver as the HTTP API's. */
  access: RequestAccess;
  now: () => Date;
  /** Access changes (`access` events) make the open sockets they concern re-check at once. */
  events: EventBus;
  maxMessageBytes: number;
  limits: CollabLimits;
  /** Sockets one account may hold open on one policy; more are closed with 4429. */
  maxSocketsPerAccount: number;
  /** Milliseconds of suggestion checking each account may use per second, and in a burst. */
  suggestionCheck: { msPerSecond: number; burstMs: number };
  /** Replaces the in-memory checking budget (a store shared by several processes). */
  suggestionCheckBudget?: SuggestionCheckBudget;
  core: CollabCore;
  /** How often every open socket re-checks its session and role (besides the immediate announcements). */
  recheckIntervalMs: number;
  /** Records which account a draft's Yjs client ids belong to (`DraftClientRecorder`); none in unit set-ups. */
  recordClients?: DraftClientRecorder;
}

/**
 * `/collab/<policyId>`: the y-websocket protocol over @fastify/websocket. The upgrade is refused (no 101,
 * not one byte of the document) unless the Origin is Accord's own and the session cookie names someone who
 * may read the policy. The document lifecycle lives in the registry; this is only the transport.
 */
export const collabPlugin = fp<CollabPluginOptions>(
  async (app, options) => {
    const { access: requestAccess } = options;
    const { registry } = options.core;
    const connections = new Set<CollabConnection>();
    app.decorate("collabRegistry", registry);
    const checkBudget =
      options.suggestionCheckBudget ?? new InMemorySuggestionCheckBudget(options.suggestionCheck, () => options.now().getTime());
    const checkQueue = new SuggestionCheckQueue((error) => app.log.error({ err: error }, "a suggestion check failed unexpectedly"));
    /** Open sockets per account and policy ("userId policyId"). */
    const socketsPerAccount = new Map<string, number>();

    const recheck = async (connection: CollabConnection) => {
      try {
        const found = await requestAccess.sessionWithDraftAccess(
          { sessionId: connection.access.user.sessionId },
          connection.access.policyId,
        );
        if (!found) return connection.close(collabCloseCodes.unauthenticated, "Your session has ended.");
        const { access } = found;
        const lost = lostWriteAccess(connection.access, access);
        if (lost) return connection.close(collabCloseCodes.forbidden, lost);
        connection.access = { ...access, presence: connection.access.presence };
      } catch (error) {
        if (error instanceof AccordError) return connection.close(collabCloseCodes.forbidden, "You no longer have access to this policy.");
        throw error;
      }
    };
    const recheckAll = (filter: (connection: CollabConnection) => boolean) => {
      for (const connection of connections) {
        if (!filter(connection)) continue;
        recheck(connection).catch((error: unknown) => app.log.warn({ err: error }, "could not re-check a collaboration socket"));
      }
    };
    const unsubscribe = options.events.subscribe("access", (change) => {
      if (change.kind === "policy") recheckAll((connection) => connection.access.policyId === change.policyId);
      else if (change.kind === "account") recheckAll((connection) => connection.access.user.id === change.userId);
      else recheckAll((connection) => connection.access.user.sessionId === change.sessionId);
    });
    // The periodic re-check, spread over its interval: each tick takes one slice of the sockets (by id),
    // so every socket is re-checked once per interval, and hundreds of sockets never query all at once
    // (on the embedded database that stalled the event loop for up to 0.7 s every 10 s: bench/RESULTS.md).
    const recheckSlices = 10;
    let recheckTick = 0;
    const recheckTimer = setInterval(
      () => {
        const slice = recheckTick++ % recheckSlices;
        recheckAll((connection) => connection.id % recheckSlices === slice);
      },
      Math.max(1, Math.floor(options.recheckIntervalMs / recheckSlices)),
    );
    recheckTimer.unref();

    await app.register(fastifyWebsocket, {
      options: { maxPayload: options.maxMessageBytes },
      // Shutdown: stop taking sockets, tell clients to come back (1012: the provider reconnects), commit
      // everything still queued, fold each document into its snapshot, then let Fastify close.
      preClose: async () => {
        unsubscribe();
        clearInterval(recheckTimer);
        for (const connection of connections) connection.close(collabCloseCodes.serviceRestart, "The server is restarting.");
        const drained = await Promise.race([
          registry.closeWrites().then(() => true),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000).unref()),
        ]);
        if (!drained) app.log.error("shutting down with draft updates not yet committed; clients still hold them and resend on reconnect");
        await registry.unloadAll();
        app.websocketServer.close();
      },
    });

    app.get(
      "/collab/:policyId",
      {
        websocket: true,
        schema: {
          params: Type.Object({ policyId: Type.String({ maxLength: 64 }) }),
          querystring: Type.Object({ lineage: Type.Optional(Type.String({ maxLength: 100 })) }),
        },
        preValidation: async (request: FastifyRequest<{ Params: { policyId: string } }>) => {
          // A browser always sends Origin with a WebSocket; a foreign one is cross-site WebSocket hijacking.
          if (!requestAccess.isAllowedOrigin(request, request.headers.origin)) throw new AccordError("cross_origin_refused");
          const token = requestAccess.sessionTokenOf(request);
          const found = token ? await requestAccess.sessionWithDraftAccess({ token }, request.params.policyId) : null;
          if (!found) throw new AccordError("unauthenticated");
          request.collabAccess = collabAccessOf(found.access);
        },
      },
      (socket, request) => {
        const access = request.collabAccess;
        if (!access) return socket.close(collabCloseCodes.internalError, "No access was resolved.");
        // A cap per person and policy: enough for several tabs and windows, and it keeps one account from
        // multiplying its sockets (each one a share of the server's attention) without end.
        const accountKey = `${access.user.id} ${access.policyId}`;
        const open = socketsPerAccount.get(accountKey) ?? 0;
        if (open >= options.maxSocketsPerAccount) {
          request.log.info({ policyId: access.policyId, userId: access.user.id }, "too many sockets for one account");
          return socket.close(
            collabCloseCodes.rateLimited,
            `You have this draft open in too many tabs or windows (at most ${options.maxSocketsPerAccount}); close one and reload.`,
          );
        }
        socketsPerAccount.set(accountKey, open + 1);
        const connection = new CollabConnection(socket, access, {
          registry,
          log: request.log,
          limits: options.limits,
          now: () => Date.now(),
          checkBudget,
          checkQueue,
          ...(options.recordClients ? { recordClients: options.recordClients } : {}),
        });
        connections.add(connection);
        socket.on("close", () => {
          connections.delete(connection);
          const remaining = (socketsPerAccount.get(accountKey) ?? 1) - 1;
          if (remaining > 0) socketsPerAccount.set(accountKey, remaining);
          else socketsPerAccount.delete(accountKey);
        });
        const wantedLineage = (request.query as { lineage?: string }).lineage;
        registry.attach(access.policyId, connection).then(
          (document) => {
            const lineage = lineageOf(document.ydoc);
            if (wantedLineage && lineage && wantedLineage !== lineage) {
              // The client's copy descends from a document this server no longer has (restored from a
              // backup, or recreated): merging it would duplicate text. It must drop its copy and reload.
              registry.detach(document, connection);
              return connection.close(collabCloseCodes.lineageMismatch, "This draft was reset on the server; reload it.");
            }
            connection.start(document);
          },
          (error: unknown) => {
            request.log.error({ err: error, policyId: access.policyId }, "could not load a draft");
            connection.close(collabCloseCodes.internalError, "The draft could not be loaded; try again.");
          },
        );
      },
    );
  },
  { name: "accord-collab", dependencies: ["@fastify/cookie"] },
);
