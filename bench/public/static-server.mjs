// The reference for `pnpm bench:public`: @fastify/static serving a file from disk, as a separate process.
// Usage: node static-server.mjs <folder> <port>. Prints "listening" when ready.
import { createRequire } from "node:module";

const require = createRequire(new URL("../../apps/server/package.json", import.meta.url));
const Fastify = require("fastify");
const fastifyStatic = require("@fastify/static");
const [folder, port] = process.argv.slice(2);
const app = Fastify({ logger: false });
await app.register(fastifyStatic, { root: folder, prefix: "/" });
await app.listen({ port: Number(port), host: "127.0.0.1" });
console.log("listening");
process.on("SIGTERM", () => app.close().then(() => process.exit(0)));
