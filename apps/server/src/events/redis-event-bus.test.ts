import { describe, expect, it } from "vitest";
import { anyPolicy } from "./accord-events.js";
import { eventChannel, RedisEventBus, type EventBusRedis } from "./redis-event-bus.js";

/** Redis as the bus sees it, in memory: what it published, and a way to hand it messages and status changes. */
function fakeRedis() {
  const published: string[] = [];
  const messageListeners = new Set<(channel: string, message: string) => void>();
  const statusListeners = new Set<(status: { up: boolean }) => void>();
  const redis = {
    commands: {
      publish: async (_channel: string, message: string) => {
        published.push(message);
        return 1;
      },
    },
    subscriber: {
      status: "ready",
      subscribe: async () => 1,
      unsubscribe: async () => 1,
      on: (_event: string, listener: (channel: string, message: string) => void) => messageListeners.add(listener),
      off: (_event: string, listener: (channel: string, message: string) => void) => messageListeners.delete(listener),
    },
    onStatusChange: (listener: (status: { up: boolean }) => void) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
  return {
    redis: redis as unknown as EventBusRedis,
    published,
    hear: (message: string) => messageListeners.forEach((listener) => listener(eventChannel, message)),
    status: (up: boolean) => statusListeners.forEach((listener) => listener({ up })),
  };
}

const quietLog = { warn: () => undefined };

describe("the Redis event bus", () => {
  it("delivers its own events at once and publishes them, and ignores them when Redis hands them back", async () => {
    const fake = fakeRedis();
    const bus = new RedisEventBus(fake.redis, "me", quietLog);
    await bus.start();
    const heard: string[] = [];
    bus.subscribe("comment", ({ threadId }) => heard.push(threadId));
    bus.publish("comment", { policyId: "p", threadId: "t1" });
    expect(heard).toEqual(["t1"]);
    expect(fake.published).toHaveLength(1);
    fake.hear(fake.published[0]!);
    expect(heard).toEqual(["t1"]);
  });

  it("delivers another process's events, and ignores malformed ones and unknown kinds", async () => {
    const fake = fakeRedis();
    const bus = new RedisEventBus(fake.redis, "me", quietLog);
    await bus.start();
    const heard: unknown[] = [];
    bus.subscribe("access", (change) => heard.push(change));
    fake.hear(JSON.stringify({ origin: "other", kind: "access", event: { kind: "account", userId: "u1" } }));
    fake.hear("not json");
    fake.hear(JSON.stringify({ origin: "other", kind: "shutdown", event: {} }));
    fake.hear(JSON.stringify({ origin: "other", kind: "access", event: { kind: "account", userId: 7 } }));
    expect(heard).toEqual([{ kind: "account", userId: "u1" }]);
  });

  it("tells its publication and comment subscribers that any policy may have changed when Redis returns, and stops listening after stop()", async () => {
    const fake = fakeRedis();
    const bus = new RedisEventBus(fake.redis, "me", quietLog);
    await bus.start();
    const heard: string[] = [];
    const commentsHeard: string[] = [];
    bus.subscribe("publication", ({ policyId }) => heard.push(policyId));
    bus.subscribe("comment", ({ policyId }) => commentsHeard.push(policyId));
    fake.status(false);
    expect(heard).toEqual([]);
    fake.status(true);
    expect(heard).toEqual([anyPolicy]);
    expect(commentsHeard).toEqual([anyPolicy]);
    await bus.stop();
    fake.status(true);
    fake.hear(JSON.stringify({ origin: "other", kind: "publication", event: { policyId: "p" } }));
    expect(heard).toEqual([anyPolicy]);
  });
});
