import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { healthEndpoints } from "@accord/api-contract";

/** `GET /api/health`: 200 `{"status":"ok"}` once the server can answer (a stable contract). */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get("/api/health", { schema: healthEndpoints.health }, async () => ({ status: "ok" as const }));
};
