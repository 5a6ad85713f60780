import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp, type AppDependencies } from "../../apps/server/src/app.js";
import { loadConfig, type AppConfig } from "../../apps/server/src/config.js";
import { demoPassword, seedDemoData } from "../../apps/server/src/seed/demo-data.js";
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from "./test-database.js";

/** The origin test requests come from: the configured public origin. */
export const testOrigin = "http://accord.test";

/** A clock that tests move by hand. */
export class TestClock {
  constructor(private current = new Date("2026-11-27T12:00:00.000Z")) {}
  now = (): Date => new Date(this.current.getTime());
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** An Accord app on a fresh test database, with the demo data, a movable clock and request helpers. */
export interface TestAccord {
  app: FastifyInstance;
  database: TestDatabase;
  clock: TestClock;
  config: AppConfig;
  /** Sends a request; state-changing requests carry Accord's own Origin unless `origin: null`. */
  request(options: InjectOptions & { cookie?: string; origin?: string | null }): Promise<LightMyRequestResponse>;
  /** Starts listening on a free port (for WebSocket clients); returns the origin, such as http://127.0.0.1:4567. */
  listen(): Promise<string>;
  /** Signs in and returns the `name=value` of the session cookie. Throws unless it works. */
  logIn(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the app for one test file. Environment overrides are read as in production. */
export async function startTestAccord(
  kind: TestDatabaseKind,
  options: { env?: NodeJS.ProcessEnv; seedDemo?: boolean; deps?: Partial<Pick<AppDependencies, "wrapDraftStore" | "logger">> } = {},
): Promise<TestAccord> {
  const database = await createTestDatabase(kind);
  const clock = new TestClock();
  // The per-address flood guard counts real time; tests that do not test it raise it out of the way.
  const config = loadConfig({
    PUBLIC_ORIGIN: testOrigin,
    ACCORD_WEB_ROOT: "",
    LOG_LEVEL: "silent",
    LOGIN_REQUESTS_PER_MINUTE: "10000",
    ...options.env,
  });
  if (options.seedDemo !== false) await seedDemoData(database.db, clock.now());
  // Every answer of every test is checked against its route's declared schema (a mismatch answers 500).
  const app = await buildApp({ config, db: database.db, now: clock.now, logger: false, checkResponses: true, ...options.deps });
  await app.ready();

  const request: TestAccord["request"] = ({ cookie, origin, headers, ...rest }) => {
    const method = (rest.method ?? "GET").toUpperCase();
    const allHeaders: Record<string, string> = { ...(headers as Record<string, string> | undefined) };
    if (cookie) allHeaders.cookie = cookie;
    if (origin !== null && method !== "GET" && method !== "HEAD") allHeaders.origin = origin ?? testOrigin;
    return app.inject({ ...rest, headers: allHeaders });
  };

  const logIn = async (email: string, password = demoPassword) => {
    const response = await request({ method: "POST", url: "/api/auth/login", payload: { email, password } });
    if (response.statusCode !== 200) throw new Error(`Sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((candidate) => candidate.name === "accord_session");
    if (!cookie) throw new Error("Sign-in set no session cookie.");
    return `${cookie.name}=${cookie.value}`;
  };

  return {
    app,
    database,
    clock,
    config,
    request,
    logIn,
    listen: async () => {
      const address = await app.listen({ port: 0, host: "127.0.0.1" });
      return address;
    },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
