import path from "node:path";
import { fileURLToPath } from "node:url";
import { defaultSessionLifetime, type SessionLifetimeConfig, type SignInThrottleRules } from "@accord/domain";
import type { DatabaseConfig } from "./storage/database.js";
import { smtpConfigFromEnv, type SmtpConfig } from "./notifications/smtp-config.js";

/** Everything Accord reads from its environment, checked once at start. */
export interface AppConfig {
  production: boolean;
  port: number;
  host: string;
  database: DatabaseConfig;
  /** The origin people reach Accord at (https://accord.example.org); required in production. */
  publicOrigin: string | null;
  /** Where notification e-mail goes (SMTP_URL, SMTP_FROM); null sends none (in-app only). */
  smtp: SmtpConfig | null;
  /**
   * REDIS_URL: with it, several Accord processes on one PostgreSQL share events, presence and counters
   * through Redis; without it, Accord is one process. Needs DATABASE_URL (the embedded database is one process).
   */
  redisUrl: string | null;
  /** Further origins allowed to send state-changing requests. */
  allowedOrigins: string[];
  sessionLifetime: SessionLifetimeConfig;
  loginThrottle: SignInThrottleRules;
  /** Sign-in requests allowed per client address per minute, failed or not (a flood guard). */
  loginRequestsPerMinute: number;
  /** Largest JSON body accepted on the API, in bytes. */
  bodyLimitBytes: number;
  /** Seed the demo data when the database is empty. Never in production. */
  seedDemo: boolean;
  /** The first facilitator to create when a production database has no accounts. */
  bootstrapFacilitator: { email: string; password: string; displayName: string } | null;
  /** The built web app (apps/web/dist), or null to serve none. */
  webRoot: string | null;
  trustProxy: boolean;
  logLevel: string;
  collab: {
    maxMessageBytes: number;
    messagesPerSecond: number;
    messageBurst: number;
    bytesPerSecond: number;
    byteBurst: number;
    maxAwarenessStateBytes: number;
    maxBufferedBytes: number;
    /** Milliseconds per second an account (all its sockets) may spend on suggest-only checks (COLLAB_SUGGESTION_CHECK_MS_PER_SECOND). */
    suggestionCheckMsPerSecond: number;
    /** The burst of that budget, in milliseconds (COLLAB_SUGGESTION_CHECK_BURST_MS); past it the socket closes with 4429. */
    suggestionCheckBurstMs: number;
    /** Sockets one account may hold open on one policy (COLLAB_MAX_SOCKETS_PER_ACCOUNT); more close with 4429. */
    maxSocketsPerAccount: number;
    compactAfterUpdates: number;
    recheckIntervalMs: number;
  };
}

/** Thrown when the environment cannot run Accord; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Accord cannot start:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    problems.push(`${name} must be a positive whole number, not "${raw}".`);
    return fallback;
  }
  return value;
}

function origin(raw: string, name: string, problems: string[]): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
    return url.origin;
  } catch {
    problems.push(`${name} must be an http or https origin such as https://accord.example.org, not "${raw}".`);
    return null;
  }
}

/**
 * The database the environment names: DATABASE_URL selects a real PostgreSQL; otherwise the embedded
 * one in DATA_DIR (default ./data). Used alone by the command-line tools, which need nothing else.
 */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv, problems: string[] = []): DatabaseConfig {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push("DATABASE_URL must be a postgres:// or postgresql:// URL.");
    return { kind: "postgres", url: databaseUrl };
  }
  const dataDir = path.resolve(env.DATA_DIR?.trim() || "./data");
  // Unset: the build's template (storage/embedded-template.ts); empty: none, a new folder runs initdb.
  const template = env.ACCORD_EMBEDDED_TEMPLATE;
  if (template === undefined) return { kind: "embedded", dataDir };
  return { kind: "embedded", dataDir, template: template.trim() ? path.resolve(template.trim()) : null };
}

/** Reads and checks the configuration. Throws ConfigError listing everything that is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const production = env.NODE_ENV === "production";

  const port = env.PORT === "0" ? 0 : positiveInteger(env, "PORT", 3000, problems);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const database = databaseConfigFromEnv(env, problems);

  const publicOrigin = env.PUBLIC_ORIGIN ? origin(env.PUBLIC_ORIGIN, "PUBLIC_ORIGIN", problems) : null;
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => origin(entry, "ALLOWED_ORIGINS", problems))
    .filter((entry): entry is string => entry !== null);

  const bootstrapEmail = env.ACCORD_BOOTSTRAP_EMAIL?.trim();
  const bootstrapPassword = env.ACCORD_BOOTSTRAP_PASSWORD;
  if (bootstrapEmail && (!bootstrapPassword || bootstrapPassword.length < 12)) {
    problems.push("ACCORD_BOOTSTRAP_PASSWORD must be set, at least 12 characters, when ACCORD_BOOTSTRAP_EMAIL is.");
  }

  if (production) {
    if (!publicOrigin) problems.push("PUBLIC_ORIGIN is required in production (the https origin people use).");
    else if (!publicOrigin.startsWith("https:")) problems.push("PUBLIC_ORIGIN must be https in production.");
    if (!databaseUrl) problems.push("DATABASE_URL is required in production; the embedded database is for trying Accord out.");
  }

  const seedDemoRaw = env.ACCORD_DEMO;
  const seedDemo = production ? false : seedDemoRaw !== "0" && seedDemoRaw !== "false";

  const webRootRaw = env.ACCORD_WEB_ROOT;
  const webRoot = webRootRaw === "" ? null : path.resolve(webRootRaw ?? path.join(repositoryRoot, "apps/web/dist"));

  const sessionLifetime: SessionLifetimeConfig = {
    idleTimeoutMs: positiveInteger(env, "SESSION_IDLE_MINUTES", defaultSessionLifetime.idleTimeoutMs / 60_000, problems) * 60_000,
    absoluteTimeoutMs:
      positiveInteger(env, "SESSION_MAX_HOURS", defaultSessionLifetime.absoluteTimeoutMs / 3_600_000, problems) * 3_600_000,
    touchIntervalMs: defaultSessionLifetime.touchIntervalMs,
  };
  // OWASP ASVS 5.0 V6: one address guessing one account is refused, one address spraying accounts is
  // refused, and many addresses guessing one account are slowed, never locking the owner out.
  const loginThrottle: SignInThrottleRules = {
    perPair: { maxFailures: positiveInteger(env, "LOGIN_MAX_FAILURES_PER_ACCOUNT", 5, problems), windowMs: 15 * 60_000 },
    perAddress: { maxFailures: positiveInteger(env, "LOGIN_MAX_FAILURES_PER_ADDRESS", 20, problems), windowMs: 15 * 60_000 },
    accountSlowdown: {
      freeFailures: positiveInteger(env, "LOGIN_ACCOUNT_FREE_FAILURES", 10, problems),
      windowMs: 60 * 60_000,
      baseDelayMs: 1000,
      maxDelayMs: 15 * 60_000,
    },
  };
  const loginRequestsPerMinute = positiveInteger(env, "LOGIN_REQUESTS_PER_MINUTE", 30, problems);
  const maxMessageBytes = positiveInteger(env, "COLLAB_MAX_MESSAGE_BYTES", 1024 * 1024, problems);
  const messagesPerSecond = positiveInteger(env, "COLLAB_MESSAGES_PER_SECOND", 100, problems);
  const bytesPerSecond = positiveInteger(env, "COLLAB_BYTES_PER_SECOND", 1024 * 1024, problems);
  const collab = {
    maxMessageBytes,
    messagesPerSecond,
    messageBurst: messagesPerSecond * 3,
    bytesPerSecond,
    // A burst must fit at least two of the largest messages (a big paste, then its correction).
    byteBurst: Math.max(4 * 1024 * 1024, 2 * maxMessageBytes),
    maxAwarenessStateBytes: 4096,
    maxBufferedBytes: 16 * 1024 * 1024,
    // A check takes a few milliseconds on a typical draft: a quarter of a core per commenter at most,
    // shared by all their sockets and kept across reconnects.
    suggestionCheckMsPerSecond: positiveInteger(env, "COLLAB_SUGGESTION_CHECK_MS_PER_SECOND", 250, problems),
    suggestionCheckBurstMs: positiveInteger(env, "COLLAB_SUGGESTION_CHECK_BURST_MS", 1000, problems),
    // Several tabs and windows of one person, with room to spare.
    maxSocketsPerAccount: positiveInteger(env, "COLLAB_MAX_SOCKETS_PER_ACCOUNT", 10, problems),
    compactAfterUpdates: positiveInteger(env, "COLLAB_COMPACT_AFTER_UPDATES", 500, problems),
    recheckIntervalMs: positiveInteger(env, "COLLAB_RECHECK_SECONDS", 10, problems) * 1000,
  };

  const smtp = smtpConfigFromEnv(env, problems);

  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl) {
    if (!/^rediss?:\/\/[^\s]+$/.test(redisUrl)) problems.push("REDIS_URL must be a redis:// or rediss:// URL.");
    if (!databaseUrl) {
      problems.push("REDIS_URL needs DATABASE_URL: the embedded database serves one process, and Redis is for several.");
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    production,
    port,
    host: env.HOST?.trim() || "127.0.0.1",
    database,
    publicOrigin,
    smtp,
    redisUrl,
    allowedOrigins,
    sessionLifetime,
    loginThrottle,
    loginRequestsPerMinute,
    bodyLimitBytes: 256 * 1024,
    seedDemo,
    bootstrapFacilitator:
      bootstrapEmail && bootstrapPassword
        ? { email: bootstrapEmail, password: bootstrapPassword, displayName: env.ACCORD_BOOTSTRAP_NAME?.trim() || "Facilitator" }
        : null,
    webRoot,
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
    logLevel: env.LOG_LEVEL?.trim() || "info",
    collab,
  };
}
