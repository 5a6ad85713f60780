import { Type } from "typebox";
import { anyRoute, errorAnswers } from "./errors.js";
import { Closed, type Endpoint } from "./schema-kit.js";

/**
 * `GET /api/health`: 200 `{"status":"ok"}` once the server can answer (a stable contract). With several
 * processes, 200 `{"status":"degraded","reasons":[…]}` while a shared service (Redis) is down: the
 * process still serves, with its fallbacks, and says why in words for an operator.
 */
export const healthEndpoints = {
  health: {
    response: {
      200: Type.Union([
        Closed({ status: Type.Literal("ok") }),
        Closed({ status: Type.Literal("degraded"), reasons: Type.Array(Type.String()) }),
      ]),
      ...errorAnswers(...anyRoute),
    },
  },
} satisfies Record<string, Endpoint>;
