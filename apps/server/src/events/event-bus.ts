import type { AccordEventKind, AccordEvents } from "./accord-events.js";

/** Stops a subscriber from receiving further events. Calling it again does nothing. */
export type Unsubscribe = () => void;

/** Receives one event of its kind. */
export type Subscriber<Kind extends AccordEventKind> = (event: AccordEvents[Kind]) => void;

/**
 * The one port through which Accord's events travel (`accord-events.ts` lists them). Publishers and
 * subscribers know only this interface, never which implementation carries the events: today
 * `InProcessEventBus` (one process serves every socket and page); with several processes an
 * implementation over a shared pub/sub would also deliver each event to the other processes'
 * subscribers, without touching either side.
 */
export interface EventBus {
  /**
   * Announces an event. Call it after the change it describes is committed. The subscribers of this
   * process have received it when `publish` returns.
   */
  publish<Kind extends AccordEventKind>(kind: Kind, event: AccordEvents[Kind]): void;
  /** Delivers every later event of this kind to `subscriber`, until the returned function is called. */
  subscribe<Kind extends AccordEventKind>(kind: Kind, subscriber: Subscriber<Kind>): Unsubscribe;
}
