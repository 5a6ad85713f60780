import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("runs on the embedded database in ./data on port 3000 by default, with demo data", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, production: false, seedDemo: true, database: { kind: "embedded" } });
    expect(config.database.kind === "embedded" && config.database.dataDir.endsWith("/data")).toBe(true);
  });

  it("copies a new embedded folder from the build's template unless ACCORD_EMBEDDED_TEMPLATE names another or is empty", () => {
    expect(loadConfig({}).database).not.toHaveProperty("template");
    expect(loadConfig({ DATA_DIR: "/srv/accord", ACCORD_EMBEDDED_TEMPLATE: "/opt/template" }).database).toEqual({
      kind: "embedded",
      dataDir: "/srv/accord",
      template: "/opt/template",
    });
    expect(loadConfig({ DATA_DIR: "/srv/accord", ACCORD_EMBEDDED_TEMPLATE: " " }).database).toEqual({
      kind: "embedded",
      dataDir: "/srv/accord",
      template: null,
    });
  });

  it("selects PostgreSQL when DATABASE_URL is set", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://localhost/accord" }).database).toEqual({
      kind: "postgres",
      url: "postgres://localhost/accord",
    });
  });

  it("takes REDIS_URL only beside DATABASE_URL, and only as a redis:// or rediss:// URL", () => {
    expect(loadConfig({}).redisUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: "postgres://db/a", REDIS_URL: "redis://cache:6379/0" }).redisUrl).toBe("redis://cache:6379/0");
    expect(() => loadConfig({ REDIS_URL: "redis://cache:6379" })).toThrowError(
      "REDIS_URL needs DATABASE_URL: the embedded database serves one process, and Redis is for several.",
    );
    expect(() => loadConfig({ DATABASE_URL: "postgres://db/a", REDIS_URL: "http://cache:6379" })).toThrowError(
      "REDIS_URL must be a redis:// or rediss:// URL.",
    );
  });

  it("refuses to start in production without its required settings, listing each", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrowError(ConfigError);
    try {
      loadConfig({ NODE_ENV: "production", PUBLIC_ORIGIN: "http://insecure.example" });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        "PUBLIC_ORIGIN must be https in production.",
        "DATABASE_URL is required in production; the embedded database is for trying Accord out.",
      ]);
    }
  });

  it("never seeds demo data in production", () => {
    const config = loadConfig({ NODE_ENV: "production", PUBLIC_ORIGIN: "https://a.example", DATABASE_URL: "postgres://db/a" });
    expect(config.seedDemo).toBe(false);
  });

  it("refuses malformed numbers and origins", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrowError(/PORT must be a positive whole number/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: "javascript:alert(1)" })).toThrowError(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ACCORD_BOOTSTRAP_EMAIL: "a@b.c", ACCORD_BOOTSTRAP_PASSWORD: "short" })).toThrowError(/BOOTSTRAP/);
  });
});
