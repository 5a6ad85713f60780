import { ConfigError, loadConfig } from "./config.js";
import { startAccord } from "./start-server.js";

// The only place that reads the real environment and listens. SIGTERM and SIGINT close the server
// (in-flight requests finish, the database is closed) before the process exits.
try {
  const running = await startAccord(loadConfig(process.env));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.app.log.info(`${signal} received: closing`);
    try {
      await running.stop();
      process.exit(0);
    } catch (error) {
      running.app.log.error({ err: error }, "could not close cleanly");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error("Accord could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
}
