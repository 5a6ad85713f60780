import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { healthEndpoints } from "@accord/api-contract";

/** What the health route is told: why the process is degraded now (nothing in one process without Redis). */
export interface HealthRouteOptions {
  degradedReasons?: () => string[];
}

/**
 * `GET /api/health`: 200 `{"status":"ok"}` once the server can answer (a stable contract); 200
 * `{"status":"degraded","reasons":[…]}` while it serves on its fallbacks (Redis configured and down).
 */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthRouteOptions> = async (app, options) => {
  app.get("/api/health", { schema: healthEndpoints.health }, async () => {
    const reasons = options.degradedReasons?.() ?? [];
    return reasons.length > 0 ? { status: "degraded" as const, reasons } : { status: "ok" as const };
  });
};
