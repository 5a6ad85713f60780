import type { AccordEventKind, AccordEvents } from "./accord-events.js";
import type { EventBus, Subscriber, Unsubscribe } from "./event-bus.js";

/**
 * The event bus of one process: `publish` calls this process's subscribers of the kind at once, in the
 * order they subscribed, and returns when they have all run.
 *
 * A subscriber that throws is not caught here: its error reaches the publisher, and the subscribers
 * after it miss that event. This is how the three emitters it replaced behaved, and it stays so; the
 * subscribers do their fallible work asynchronously and catch their own errors, so none throws.
 * Subscribers are kept in a `Set`, as before: one added while an event is being delivered is called
 * for it too, one removed before its turn is not, and the same function subscribed twice is called once.
 */
export class InProcessEventBus implements EventBus {
  private readonly subscribers = new Map<AccordEventKind, Set<Subscriber<never>>>();

  publish<Kind extends AccordEventKind>(kind: Kind, event: AccordEvents[Kind]): void {
    const subscribers = this.subscribers.get(kind) as Set<Subscriber<Kind>> | undefined;
    if (!subscribers) return;
    for (const subscriber of subscribers) subscriber(event);
  }

  subscribe<Kind extends AccordEventKind>(kind: Kind, subscriber: Subscriber<Kind>): Unsubscribe {
    let subscribers = this.subscribers.get(kind) as Set<Subscriber<Kind>> | undefined;
    if (!subscribers) {
      subscribers = new Set();
      this.subscribers.set(kind, subscribers);
    }
    subscribers.add(subscriber);
    return () => {
      subscribers.delete(subscriber);
    };
  }
}
