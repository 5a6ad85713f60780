import fastifyCompress from "@fastify/compress";
import fp from "fastify-plugin";

/**
 * Compresses what the server renders (JSON, the public pages, the Atom feed, exports in Markdown or HTML)
 * with brotli or gzip when the request's Accept-Encoding asks for one, and never when it does not; every
 * answer that could have been compressed says `Vary: Accept-Encoding`, so a shared cache keeps one copy per
 * encoding. The browser app's files are compressed once at build time and sent as they are (web-app.ts):
 * a response that already has a Content-Encoding is left alone. Answers under 1 KiB are sent as they
 * are, since compressing them saves less than its cost. Registered before the routes, because the
 * plugin adds its hook to each route as it is declared.
 *
 * Why no BREACH concern: the responses hold no secret that an attacker could guess byte by byte (the
 * session token travels only in the cookie header, which is never compressed, and there are no CSRF
 * tokens in bodies), and the SameSite=Lax cookie keeps other sites' scripts from making signed-in
 * requests whose sizes they could watch.
 */
export const compressionPlugin = fp(
  async (app) => {
    await app.register(fastifyCompress, {
      // Brotli first: about 14% smaller than gzip on the app's JavaScript. The plugin's brotli level is
      // 4 (fast enough to run per request); the build uses the highest levels for the static files.
      encodings: ["br", "gzip"],
      threshold: 1024,
      // Request bodies are never inflated: a small compressed body could expand past the body limit
      // after the limit was checked (a zip bomb), and no Accord client sends compressed bodies.
      globalDecompression: false,
    });
  },
  { name: "accord-compression" },
);
