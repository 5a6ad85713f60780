import fp from "fastify-plugin";
import fastifyStatic from "@fastify/static";
import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Serves the built browser app under /app. Any /app path that is not a file gets index.html, so the
 * app's own router handles deep links (/app/policies/…) on reload. Hashed assets are cached for a year;
 * index.html never, so a new build is picked up at once. The build writes a `.br` and a `.gz` twin of each
 * text file (apps/web/vite.config.ts), and `preCompressed` sends the one the request's Accept-Encoding
 * prefers, with `Vary: Accept-Encoding`: compressed once at the highest level rather than per request. A
 * file without twins (an older build) is compressed per request by the compression plugin instead.
 */
export const webAppPlugin = fp<{ webRoot: string | null }>(
  async (app, { webRoot }) => {
    app.get("/", async (_request, reply) => reply.redirect("/app/", 302));
    if (!webRoot || !existsSync(path.join(webRoot, "index.html"))) {
      app.log.warn({ webRoot }, "the web app is not built; /app answers 503 until `pnpm build` has run");
      app.get("/app/*", async (_request, reply) =>
        reply.code(503).type("text/plain; charset=utf-8").send("The Accord web app is not built yet. Run `pnpm build`."),
      );
      return;
    }
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: "/app/",
      wildcard: false,
      index: ["index.html"],
      preCompressed: true,
      setHeaders: (reply, filePath) => {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
    app.get("/app", async (_request, reply) => reply.redirect("/app/", 301));
    app.get("/app/*", async (_request, reply) => reply.header("cache-control", "no-cache").sendFile("index.html"));
  },
  { name: "accord-web-app" },
);
