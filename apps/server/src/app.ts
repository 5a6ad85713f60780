import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Kysely } from "kysely";
import { randomUUID } from "node:crypto";
import { LoginThrottleStore, type LoginThrottle } from "./auth/login-throttle-store.js";
import { RedisLoginThrottle } from "./auth/redis-login-throttle.js";
import type { RedisConnections } from "./cluster/redis-connections.js";
import { sharedRateLimitStore } from "./cluster/rate-limit-store.js";
import { encodeAccordEvent, parseAccordEvent } from "@accord/collab";
import { createCollabCore } from "./collab/collab-core.js";
import { DraftRelay, draftRelayOptions } from "./cluster/draft-relay.js";
import { collabPlugin } from "./collab/collab-plugin.js";
import { InMemorySuggestionCheckBudget, RedisSuggestionCheckBudget } from "./collab/suggestion-check-budget.js";
import { anyPolicy } from "./events/accord-events.js";
import type { EventBus } from "./events/event-bus.js";
import { InProcessEventBus } from "./events/in-process-event-bus.js";
import { RedisEventBus } from "./events/redis-event-bus.js";
import { DatabaseNotifier } from "./notifications/database-notifier.js";
import { Mailer } from "./notifications/mailer.js";
import { emailedPasswordSetupLinks } from "./use-cases/roster/password-setup-link.js";
import { notificationRoutes } from "./routes/notifications.js";
import type { AppConfig } from "./config.js";
import { RequestAccess } from "./access/request-access.js";
import { compressionPlugin } from "./plugins/compression.js";
import { errorHandlerPlugin } from "./plugins/error-handler.js";
import { responseContractPlugin } from "./plugins/response-contract.js";
import { originGuardPlugin } from "./plugins/origin-guard.js";
import { inputValidationPlugin } from "./plugins/input-validation.js";
import { sessionAuthPlugin } from "./plugins/session-auth.js";
import { webAppPlugin } from "./plugins/web-app.js";
import { accountRoutes } from "./routes/accounts.js";
import { authRoutes } from "./routes/auth.js";
import { bodyRoutes } from "./routes/bodies.js";
import { healthRoutes } from "./routes/health.js";
import { memberRoutes } from "./routes/members.js";
import { policyRoutes } from "./routes/policies.js";
import { draftRoutes } from "./routes/drafts.js";
import { versionRoutes } from "./routes/versions.js";
import { commentRoutes } from "./routes/comments.js";
import { suggestionRoutes } from "./routes/suggestions.js";
import { workflowRoutes } from "./routes/workflow.js";
import { publicRoutes } from "./public-site/public-routes.js";
import type { Database } from "./storage/database.js";
import type { DraftStore } from "./storage/drafts.js";
import type { UseCaseContext } from "./use-cases/context.js";
import { recordDraftClients } from "./storage/draft-clients.js";
import { commentPeriodRoutes } from "./routes/comment-periods.js";
import { publicCommentRoutes } from "./public-site/public-comment-routes.js";
import { installationSecret } from "./storage/installation-secrets.js";
import { CommentEmailSender } from "./notifications/comment-email-sender.js";
import { rosterRoutes } from "./routes/roster.js";
import { acknowledgementRoutes } from "./routes/acknowledgements.js";
import { ReminderSchedule } from "./notifications/reminder-schedule.js";

/** What the app is built from. Only main.ts opens the database and listens; tests inject their own. */
export interface AppDependencies {
  config: AppConfig;
  db: Kysely<Database>;
  /**
   * The clock, required so that no part of the app can judge time by the wall clock behind a test's
   * back: main passes the system clock, tests one they can move (a restarted test app takes the same).
   */
  now: () => Date;
  /** Fastify's logger option: pino settings, or false to stay quiet (tests). */
  logger?: FastifyServerOptions["logger"];
  /** Wraps the collaboration server's draft store over the database (tests delay it or make it fail). */
  wrapDraftStore?: (store: DraftStore) => DraftStore;
  /**
   * Checks every answer against the schema its route declares for that status, and answers a mismatch
   * with 500 (plugins/response-contract.ts). The test apps turn it on; production leaves it off.
   */
  checkResponses?: boolean;
  /**
   * Redis, when several processes serve the same database (start-server connects once and passes it):
   * events, sign-in throttle, request limits and the suggestion-check budget are then shared. Without
   * it (the embedded mode, most tests) everything stays in this process, as before.
   */
  redis?: RedisConnections;
  /** This process's id among several (its own events come back to it through Redis); random by default. */
  processId?: string;
}

/** Builds the Accord server: plugins, then routes. Does not listen. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, db, now } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel, redact: ["req.headers.cookie", 'res.headers["set-cookie"]'] },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // The API speaks JSON only: a text/plain body (what a cross-site HTML form can send) is refused with 415.
  app.removeContentTypeParser("text/plain");

  const { redis } = deps;
  const processId = deps.processId ?? randomUUID();
  const collab = createCollabCore({
    db,
    log: app.log,
    now,
    compactAfterUpdates: config.collab.compactAfterUpdates,
    ...(deps.wrapDraftStore ? { wrapDraftStore: deps.wrapDraftStore } : {}),
    // With several processes, drafts are relayed between them (Redis, with PostgreSQL as the fallback).
    ...(redis ? { relay: (store: DraftStore) => new DraftRelay(redis, store, processId, app.log, draftRelayOptions(config)) } : {}),
  });
  const mailer = new Mailer({
    db,
    smtp: config.smtp,
    publicOrigin: config.publicOrigin,
    log: app.log,
    now,
    linkAtSending: emailedPasswordSetupLinks(db, now),
  });
  const localThrottle = new LoginThrottleStore(config.loginThrottle, now);
  // With Redis, failures over every process count as one; while it is down, each process counts its own.
  const loginThrottle: LoginThrottle = redis
    ? new RedisLoginThrottle(redis, config.loginThrottle, now, localThrottle, app.log)
    : localThrottle;
  let events: EventBus = new InProcessEventBus();
  if (redis) {
    const sharedEvents = new RedisEventBus(redis, processId, app.log);
    // Not awaited: while Redis is down the subscription waits for it, and Accord starts without it.
    void sharedEvents.start();
    app.addHook("preClose", async () => sharedEvents.stop());
    events = sharedEvents;
  }
  const context: UseCaseContext = {
    db,
    now,
    sessionLifetime: config.sessionLifetime,
    loginThrottle,
    events,
    liveDrafts: collab.liveDrafts,
    notifier: new DatabaseNotifier({ emailEnabled: mailer.enabled, onQueued: () => mailer.wake() }),
  };
  // Only a loaded draft has sockets to tell; nobody is editing one that is not loaded.
  context.events.subscribe("comment", ({ policyId, threadId }) => {
    const message = encodeAccordEvent({ kind: "comments-changed", threadId });
    if (policyId === anyPolicy) for (const document of collab.registry.documents()) document.broadcast(message);
    else collab.registry.peek(policyId)?.broadcast(message);
  });

  // Who did what to a draft (from this process or another): told to every socket on it here.
  context.events.subscribe("draft", ({ policyId, notice }) => {
    const event = parseAccordEvent(notice);
    if (event) collab.liveDrafts.announce(policyId, event);
  });

  // preClose, not onClose: onClose hooks run last-registered first, after start-server closes the database.
  app.addHook("onReady", async () => mailer.start());
  app.addHook("preClose", async () => mailer.stop());
  // Acknowledgement reminders by the app's clock; every process may run it (each reminder goes out once).
  const reminders = new ReminderSchedule(context, app.log);
  app.addHook("onReady", async () => reminders.start());
  app.addHook("preClose", async () => reminders.stop());

  await app.register(errorHandlerPlugin);
  // Before any route, so that its hook sees every answer.
  if (deps.checkResponses) await app.register(responseContractPlugin);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
    strictTransportSecurity: config.production,
  });
  // Before any route: the compression hook is added to each route as it is declared.
  await app.register(compressionPlugin);
  await app.register(fastifyCookie);
  // With Redis, each limit counts over every process (per process while Redis is down, never not at all).
  await app.register(fastifyRateLimit, { global: false, ...(redis ? { store: sharedRateLimitStore(redis) } : {}) });
  // Who is asking and from where, answered alike for the API and the collaboration socket.
  const access = new RequestAccess({
    db,
    now,
    sessionLifetime: config.sessionLifetime,
    production: config.production,
    origins: { publicOrigin: config.publicOrigin, allowedOrigins: config.allowedOrigins, acceptOwnHost: !config.production },
  });
  await app.register(originGuardPlugin, { access });
  // Before any route: one validator per request part (bodies never coerced) and one text rule for all strings.
  await app.register(inputValidationPlugin);
  await app.register(sessionAuthPlugin, { access });

  await app.register(collabPlugin, {
    access,
    now,
    events: context.events,
    maxMessageBytes: config.collab.maxMessageBytes,
    limits: config.collab,
    maxSocketsPerAccount: config.collab.maxSocketsPerAccount,
    suggestionCheck: { msPerSecond: config.collab.suggestionCheckMsPerSecond, burstMs: config.collab.suggestionCheckBurstMs },
    ...(redis ? { suggestionCheckBudget: sharedSuggestionCheckBudget(redis, config.collab, now) } : {}),
    core: collab,
    recheckIntervalMs: config.collab.recheckIntervalMs,
    recordClients: (policyId, userId, clientIds) => recordDraftClients(db, policyId, userId, clientIds, now()),
  });

  // After the collaboration plugin's own preClose (sockets closed, writes committed, drafts unloaded).
  app.addHook("preClose", async () => collab.relay?.stop());
  await app.register(healthRoutes, {
    degradedReasons: () => (redis && !redis.status().up ? [redis.status().reason ?? "Redis is down"] : []),
  });
  await app.register(authRoutes, { context, loginRequestsPerMinute: config.loginRequestsPerMinute });
  await app.register(accountRoutes, { context });
  await app.register(policyRoutes, { context });
  await app.register(memberRoutes, { context });
  await app.register(bodyRoutes, { context });
  await app.register(draftRoutes, { context });
  await app.register(versionRoutes, { context });
  await app.register(commentRoutes, { context });
  await app.register(suggestionRoutes, { context });
  await app.register(workflowRoutes, { context });
  await app.register(publicRoutes, { context, publicOrigin: config.publicOrigin });
  await app.register(notificationRoutes, { context });
  await app.register(commentPeriodRoutes, { context });
  const commentEmails = new CommentEmailSender({ db, smtp: config.smtp, publicOrigin: config.publicOrigin, log: app.log, now });
  app.addHook("onReady", async () => commentEmails.start());
  app.addHook("preClose", async () => commentEmails.stop());
  // Read once at start; every process on the database gets the same key, so the rate limits count across them.
  const addressKey = await installationSecret(db, "public-comment-address", now());
  await app.register(publicCommentRoutes, { context, access, addressKey, onVerificationQueued: () => commentEmails.wake() });
  await app.register(rosterRoutes, { context });
  await app.register(acknowledgementRoutes, { context });
  await app.register(webAppPlugin, { webRoot: config.webRoot });
  return app;
}

/** The suggestion-check budget over every process, per process while Redis is down. */
function sharedSuggestionCheckBudget(redis: RedisConnections, collab: AppConfig["collab"], now: () => Date): RedisSuggestionCheckBudget {
  const limits = { msPerSecond: collab.suggestionCheckMsPerSecond, burstMs: collab.suggestionCheckBurstMs };
  const clock = () => now().getTime();
  return new RedisSuggestionCheckBudget(redis, limits, clock, new InMemorySuggestionCheckBudget(limits, clock));
}
