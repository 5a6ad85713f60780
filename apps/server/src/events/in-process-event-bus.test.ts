import { describe, expect, it } from "vitest";
import type { AccessChange } from "./accord-events.js";
import { InProcessEventBus } from "./in-process-event-bus.js";

describe("the in-process event bus", () => {
  it("delivers an event to every subscriber of its kind before publish returns, in the order they subscribed", () => {
    const bus = new InProcessEventBus();
    const heard: string[] = [];
    bus.subscribe("comment", (change) => heard.push(`first ${change.threadId}`));
    bus.subscribe("comment", (change) => heard.push(`second ${change.threadId}`));
    bus.publish("comment", { policyId: "p1", threadId: "t1" });
    expect(heard).toEqual(["first t1", "second t1"]);
  });

  it("delivers only events of the subscribed kind", () => {
    const bus = new InProcessEventBus();
    const access: AccessChange[] = [];
    const publications: string[] = [];
    bus.subscribe("access", (change) => access.push(change));
    bus.subscribe("publication", ({ policyId }) => publications.push(policyId));
    bus.publish("access", { kind: "account", userId: "u1" });
    bus.publish("publication", { policyId: "p1" });
    bus.publish("comment", { policyId: "p1", threadId: "t1" });
    expect(access).toEqual([{ kind: "account", userId: "u1" }]);
    expect(publications).toEqual(["p1"]);
  });

  it("publishes to nobody without complaint", () => {
    const bus = new InProcessEventBus();
    expect(() => bus.publish("publication", { policyId: "p1" })).not.toThrow();
  });

  it("delivers nothing after unsubscribe, to that subscriber only, and a second unsubscribe does nothing", () => {
    const bus = new InProcessEventBus();
    const left: string[] = [];
    const stayed: string[] = [];
    const unsubscribe = bus.subscribe("publication", ({ policyId }) => left.push(policyId));
    bus.subscribe("publication", ({ policyId }) => stayed.push(policyId));
    bus.publish("publication", { policyId: "before" });
    unsubscribe();
    unsubscribe();
    bus.publish("publication", { policyId: "after" });
    expect(left).toEqual(["before"]);
    expect(stayed).toEqual(["before", "after"]);
  });

  it("lets a subscriber's error reach the publisher, and the later subscribers miss that event (as the emitters it replaced did)", () => {
    const bus = new InProcessEventBus();
    const heard: string[] = [];
    bus.subscribe("comment", ({ threadId }) => heard.push(`before ${threadId}`));
    bus.subscribe("comment", ({ threadId }) => {
      if (threadId === "t1") throw new Error("the subscriber failed");
    });
    bus.subscribe("comment", ({ threadId }) => heard.push(`after ${threadId}`));
    expect(() => bus.publish("comment", { policyId: "p1", threadId: "t1" })).toThrowError("the subscriber failed");
    bus.publish("comment", { policyId: "p1", threadId: "t2" });
    expect(heard).toEqual(["before t1", "before t2", "after t2"]);
  });

  it("calls a subscriber added during delivery for that event too, and skips one removed before its turn", () => {
    const bus = new InProcessEventBus();
    const heard: string[] = [];
    let unsubscribeLast = () => {};
    bus.subscribe("access", () => {
      heard.push("first");
      unsubscribeLast();
      bus.subscribe("access", () => heard.push("added"));
    });
    unsubscribeLast = bus.subscribe("access", () => heard.push("removed"));
    bus.publish("access", { kind: "session", sessionId: "s1" });
    expect(heard).toEqual(["first", "added"]);
  });
});
