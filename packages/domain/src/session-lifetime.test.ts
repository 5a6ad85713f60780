import { describe, expect, it } from "vitest";
import { judgeSession, type SessionLifetimeConfig } from "./session-lifetime.js";

const minute = 60_000;
const config: SessionLifetimeConfig = { idleTimeoutMs: 30 * minute, absoluteTimeoutMs: 8 * 60 * minute, touchIntervalMs: minute };
const start = new Date("2026-01-01T08:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * minute);

describe("judgeSession", () => {
  it("keeps a fresh session without writing it back", () => {
    expect(judgeSession({ createdAt: start, lastSeenAt: start }, at(0.5), config)).toEqual({
      kind: "valid",
      touch: false,
      expiresAt: at(30),
    });
  });

  it("records activity once the touch interval has passed, sliding the idle expiry", () => {
    expect(judgeSession({ createdAt: start, lastSeenAt: start }, at(10), config)).toEqual({
      kind: "valid",
      touch: true,
      expiresAt: at(40),
    });
  });

  it("ends a session idle for the whole idle timeout", () => {
    expect(judgeSession({ createdAt: start, lastSeenAt: at(5) }, at(35), config)).toEqual({ kind: "expired", reason: "idle" });
  });

  it("ends an active session at the absolute limit, however recent its activity", () => {
    expect(judgeSession({ createdAt: start, lastSeenAt: at(479) }, at(480), config)).toEqual({
      kind: "expired",
      reason: "absolute",
    });
  });

  it("never lets the sliding expiry pass the absolute limit", () => {
    const verdict = judgeSession({ createdAt: start, lastSeenAt: at(470) }, at(471), config);
    expect(verdict).toEqual({ kind: "valid", touch: true, expiresAt: at(480) });
  });
});
