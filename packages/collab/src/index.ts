export * from "./protocol-error.js";
export * from "./strict-decoding.js";
export * from "./messages.js";
export * from "./update-inspection.js";
export * from "./awareness-guard.js";
export * from "./presence.js";
export * from "./rate-limiter.js";
