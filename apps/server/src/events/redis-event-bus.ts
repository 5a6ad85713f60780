import type { Redis } from "ioredis";
import type { EventBus, Subscriber, Unsubscribe } from "./event-bus.js";
import { anyPolicy, type AccordEventKind, type AccordEvents } from "./accord-events.js";
import { InProcessEventBus } from "./in-process-event-bus.js";

/** The channel every process publishes its events on and listens to. */
export const eventChannel = "accord:events";

const kinds: ReadonlySet<string> = new Set<AccordEventKind>(["access", "comment", "publication", "draft"]);

/** What travels on the channel: the event, its kind, and which process published it. */
interface EventMessage {
  origin: string;
  kind: AccordEventKind;
  event: AccordEvents[AccordEventKind];
}

/** Where the bus writes what went wrong (Fastify's pino logger fits). */
export interface EventBusLog {
  warn(details: object, message: string): void;
}

/** What the bus needs of Redis: the two connections of `connectRedis` (cluster/redis-connections.ts). */
export interface EventBusRedis {
  readonly commands: Pick<Redis, "publish">;
  readonly subscriber: Pick<Redis, "subscribe" | "unsubscribe" | "on" | "off" | "status">;
  /** Called when Redis goes up or down (`RedisConnections.onStatusChange`). */
  onStatusChange(listener: (status: { up: boolean }) => void): () => void;
}

/**
 * The event bus of several processes: `publish` delivers to this process's subscribers at once (as
 * `InProcessEventBus` does, before it returns), then publishes the event on Redis; every other process
 * delivers it to its own subscribers when it hears it. A process ignores its own messages, so its
 * subscribers hear each event once.
 *
 * Redis only carries the news that something changed; the change itself is already committed to the
 * database. While Redis is down a process's own subscribers still hear its events and the others miss
 * them: a removed member's sockets elsewhere are closed at their next access re-check (every 10 s), a
 * comment shows at the next refetch, and when Redis returns each process tells its own `publication`
 * subscribers that any policy may have been published meanwhile (`anyPolicy`), so the public pages
 * it cached are rendered again.
 */
export class RedisEventBus implements EventBus {
  private readonly local = new InProcessEventBus();
  private readonly onMessage = (channel: string, message: string) => {
    if (channel !== eventChannel) return;
    const parsed = parseMessage(message);
    if (!parsed) {
      this.log.warn({ channel }, "ignored a malformed event from Redis");
      return;
    }
    if (parsed.origin === this.processId) return;
    try {
      this.local.publish(parsed.kind, parsed.event);
    } catch (error) {
      this.log.warn({ err: error, kind: parsed.kind }, "a subscriber failed on an event from another process");
    }
  };

  private unlisten: () => void = () => undefined;

  constructor(
    private readonly redis: EventBusRedis,
    /** This process's id, unique among the processes (its own messages come back with it). */
    private readonly processId: string,
    private readonly log: EventBusLog,
  ) {}

  /** Starts listening to the other processes' events. The subscriber connection queues it while Redis is down. */
  async start(): Promise<void> {
    this.redis.subscriber.on("message", this.onMessage);
    this.unlisten = this.redis.onStatusChange(({ up }) => {
      if (!up) return;
      // What other processes published meanwhile never arrived: the page cache renders again, and every
      // open draft's clients refetch their threads.
      this.local.publish("publication", { policyId: anyPolicy });
      this.local.publish("comment", { policyId: anyPolicy, threadId: anyPolicy });
    });
    try {
      await this.redis.subscriber.subscribe(eventChannel);
    } catch (error) {
      // The subscriber resubscribes by itself when Redis returns (autoResubscribe).
      this.log.warn({ err: error }, "could not subscribe to other processes' events yet");
    }
  }

  /** Stops listening (the connections themselves belong to whoever opened them). */
  async stop(): Promise<void> {
    this.redis.subscriber.off("message", this.onMessage);
    this.unlisten();
    // Only while connected: while Redis is down the command would wait in the offline queue for ever.
    if (this.redis.subscriber.status === "ready") await this.redis.subscriber.unsubscribe(eventChannel).catch(() => undefined);
  }

  publish<Kind extends AccordEventKind>(kind: Kind, event: AccordEvents[Kind]): void {
    this.local.publish(kind, event);
    const message: EventMessage = { origin: this.processId, kind, event };
    this.redis.commands.publish(eventChannel, JSON.stringify(message)).catch((error: unknown) => {
      this.log.warn({ err: error, kind }, "Redis is down: other processes miss this event until their own checks catch up");
    });
  }

  subscribe<Kind extends AccordEventKind>(kind: Kind, subscriber: Subscriber<Kind>): Unsubscribe {
    return this.local.subscribe(kind, subscriber);
  }
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === "object" && value !== null && Object.values(value).every((field) => typeof field === "string");
}

function parseMessage(message: string): EventMessage | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { origin, kind, event } = parsed as Record<string, unknown>;
  if (typeof origin !== "string" || typeof kind !== "string" || !kinds.has(kind) || !isStringRecord(event)) return null;
  return { origin, kind: kind as AccordEventKind, event: event as unknown as AccordEvents[AccordEventKind] };
}
