import { Type } from "typebox";
import { anyRoute, errorAnswers } from "./errors.js";
import { Closed, type Endpoint } from "./schema-kit.js";

/** `GET /api/health`: 200 `{"status":"ok"}` once the server can answer (a stable contract). */
export const healthEndpoints = {
  health: { response: { 200: Closed({ status: Type.Literal("ok") }), ...errorAnswers(...anyRoute) } },
} satisfies Record<string, Endpoint>;
