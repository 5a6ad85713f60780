import { describe, expect, it } from "vitest";
import { SuggestionCheckQueue } from "./suggestion-check-queue.js";

describe("the suggestion check queue", () => {
  it("runs one check per turn of the event loop, so whatever else is waiting runs between two checks", async () => {
    const queue = new SuggestionCheckQueue((error) => {
      throw error;
    });
    const order: string[] = [];
    const done = new Promise<void>((resolve) => {
      for (let index = 0; index < 3; index++) {
        queue.enqueue("flooding", async () => {
          order.push(`check ${index}`);
          // Other work that became ready during the check (an HTTP request, another socket's message).
          setImmediate(() => order.push(`other work after check ${index}`));
          if (index === 2) setImmediate(resolve);
        });
      }
    });
    await done;
    expect(order).toEqual([
      "check 0",
      "other work after check 0",
      "check 1",
      "other work after check 1",
      "check 2",
      "other work after check 2",
    ]);
  });

  it("takes accounts in turn, so one account's backlog does not hold up another's check", async () => {
    const queue = new SuggestionCheckQueue((error) => {
      throw error;
    });
    const order: string[] = [];
    const done = new Promise<void>((resolve) => {
      for (let index = 0; index < 4; index++) queue.enqueue("flooding", async () => void order.push(`flooding ${index}`));
      queue.enqueue("typing", async () => void order.push("typing 0"));
      queue.enqueue("typing", async () => {
        order.push("typing 1");
      });
      queue.enqueue("flooding", async () => {
        order.push("flooding 4");
        resolve();
      });
    });
    await done;
    expect(order).toEqual(["flooding 0", "typing 0", "flooding 1", "typing 1", "flooding 2", "flooding 3", "flooding 4"]);
    expect(queue.size).toBe(0);
  });

  it("reports a check that throws and goes on with the next", async () => {
    const errors: unknown[] = [];
    const queue = new SuggestionCheckQueue((error) => errors.push(error));
    const ran = new Promise<void>((resolve) => {
      queue.enqueue("one", async () => {
        throw new Error("broken check");
      });
      queue.enqueue("one", async () => resolve());
    });
    await ran;
    expect(errors).toHaveLength(1);
  });
});
