export * from "./errors.js";
export * from "./membership.js";
export * from "./policy.js";
export * from "./permissions.js";
export * from "./session-lifetime.js";
export * from "./login-throttle.js";
export * from "./audit-chain.js";
export * from "./text-rule.js";
