import { Type } from "typebox";
import { errorAnswers, policyRead } from "./errors.js";
import { PolicyIdParams } from "./policies.js";
import { ProseMirrorJsonSchema } from "./prosemirror.js";
import { Closed, type Endpoint } from "./schema-kit.js";

/** The live draft's text, read-only (live editing goes through /collab). */
export const draftEndpoints = {
  /** GET /api/policies/:policyId/draft */
  get: {
    params: PolicyIdParams,
    response: {
      200: Closed({
        draft: Closed({
          content: ProseMirrorJsonSchema,
          contentHash: Type.String({
            description: "the hash a version of this text would have: equal to the latest version's when nothing is unsaved",
          }),
        }),
      }),
      ...errorAnswers(...policyRead),
    },
  },
  /** GET /api/policies/:policyId/draft/state-vector: what the server has committed, for the editor's "Saved". */
  stateVector: {
    params: PolicyIdParams,
    response: {
      200: Closed({
        stateVector: Type.String({ description: "base64 of Y.encodeStateVector" }),
        deleteSet: Type.String({ description: "base64 of a Yjs update holding only the delete set" }),
      }),
      ...errorAnswers(...policyRead),
    },
  },
} satisfies Record<string, Endpoint>;
