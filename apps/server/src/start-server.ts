import type { FastifyInstance } from "fastify";
import type { AppConfig } from "./config.js";
import { buildApp, type AppDependencies } from "./app.js";
import { connectRedis, type RedisConnections, type RedisLog } from "./cluster/redis-connections.js";
import { bootstrapFacilitator } from "./seed/bootstrap-facilitator.js";
import { seedDemoData } from "./seed/demo-data.js";
import { countAccounts } from "./storage/accounts.js";
import { deleteExpiredSessions } from "./storage/sessions.js";
import { createDatabase, migrateToLatest } from "./storage/database.js";

/** A running Accord: the app (listening) and how to stop it cleanly. */
export interface RunningAccord {
  app: FastifyInstance;
  /** The address it listens on, such as http://127.0.0.1:3000. */
  address: string;
  stop(): Promise<void>;
}

/**
 * Opens the database, migrates it, creates the first account (demo data outside production, the
 * bootstrap facilitator in production), then builds the app and listens.
 */
export async function startAccord(config: AppConfig, logger?: AppDependencies["logger"]): Promise<RunningAccord> {
  const { db, description, firstStart } = await createDatabase(config.database, { purpose: "the Accord server" });
  let redis: RedisConnections | undefined;
  try {
    const applied = await migrateToLatest(db);
    const systemClock = () => new Date();
    const now = systemClock();
    let seeded = false;
    if (config.bootstrapFacilitator) await bootstrapFacilitator(db, config.bootstrapFacilitator, now);
    if (config.seedDemo) seeded = await seedDemoData(db, now);
    if (config.production && (await countAccounts(db)) === 0) {
      throw new Error(
        "The database has no accounts. Set ACCORD_BOOTSTRAP_EMAIL and ACCORD_BOOTSTRAP_PASSWORD to create the first facilitator.",
      );
    }
    // Connected once per process; Accord starts and serves while Redis is down, and uses it when it answers.
    const redisLog = laterLog();
    if (config.redisUrl) redis = connectRedis(config.redisUrl, redisLog, { connectionName: "accord" });
    const app = await buildApp({
      config,
      db,
      now: systemClock,
      ...(logger === undefined ? {} : { logger }),
      ...(redis ? { redis } : {}),
    });
    redisLog.to(app.log);
    if (firstStart?.from === "template") {
      app.log.info(
        { templateMigrations: firstStart.templateMigrations.length, migrations: applied },
        "new embedded database: copied from the build's template, then migrated",
      );
    } else if (firstStart?.from === "initdb") {
      app.log.warn({ reason: firstStart.reason }, `new embedded database: created by initdb, not from the template: ${firstStart.reason}`);
    }
    // Expired sessions are refused when presented; this sweep only keeps the table small.
    const sweepSessions = async () => {
      const current = systemClock().getTime();
      const removed = await deleteExpiredSessions(
        db,
        new Date(current - config.sessionLifetime.idleTimeoutMs),
        new Date(current - config.sessionLifetime.absoluteTimeoutMs),
      );
      if (removed > 0) app.log.info({ removed }, "removed expired sessions");
    };
    const sweepTimer = setInterval(
      () => void sweepSessions().catch((error) => app.log.warn({ err: error }, "session sweep failed")),
      3_600_000,
    );
    sweepTimer.unref();
    app.addHook("onClose", async () => {
      clearInterval(sweepTimer);
      await redis?.close();
      await db.destroy();
    });
    const address = await app.listen({ port: config.port, host: config.host });
    app.log.info({ database: description, migrations: applied, demoSeeded: seeded }, `Accord is listening on ${address}`);
    return { app, address, stop: () => app.close() };
  } catch (error) {
    await redis?.close();
    await db.destroy();
    throw error;
  }
}

/** A log that writes to the app's logger once there is one (the connections are opened before the app is built). */
function laterLog(): RedisLog & { to(log: RedisLog): void } {
  let target: RedisLog | null = null;
  return {
    info: (details, message) => target?.info(details, message),
    warn: (details, message) => target?.warn(details, message),
    to: (log) => (target = log),
  };
}
