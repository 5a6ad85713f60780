export { buildApp, type AppDependencies } from "./app.js";
export { loadConfig, ConfigError, type AppConfig } from "./config.js";
export { startAccord, type RunningAccord } from "./start-server.js";
export { createDatabase, migrateToLatest, type Database, type DatabaseConfig } from "./storage/database.js";
