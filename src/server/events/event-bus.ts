import { EventEmitter } from 'node:events';
import type { Generation } from '../store/generations-store.ts';

/**
 * What the studio announces on `GET /api/events` (docs/API.md "Live events"):
 * `generation` with the Generation each time one is created or changes status,
 * `generation-deleted` with its id; other resources add their own kinds.
 */
export type StudioEvent =
  | { type: 'generation'; data: Generation }
  | { type: 'generation-deleted'; data: { id: string } }
  | { type: 'experiment'; data: Record<string, unknown> & { id: string } }
  | { type: 'experiment-deleted'; data: { id: string } };

/** The listener of `EventBus.subscribe`. */
export type StudioEventListener = (event: StudioEvent) => void;

/**
 * One in-process bus for the studio's live events. Publishers (the
 * generations store, experiments) call `publish`; the SSE route subscribes
 * per connection. A listener that throws is dropped from that delivery only.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open browser tab; no fixed limit.
    this.emitter.setMaxListeners(0);
  }

  /** Delivers the event to every current subscriber, synchronously. */
  publish(event: StudioEvent): void {
    this.emitter.emit('event', event);
  }

  /** Calls `listener` for every event from now on; returns the unsubscribe function. */
  subscribe(listener: StudioEventListener): () => void {
    const safe: StudioEventListener = (event) => {
      try {
        listener(event);
      } catch {
        // A broken subscriber must not stop the others.
      }
    };
    this.emitter.on('event', safe);
    return () => this.emitter.off('event', safe);
  }

  /** How many subscribers are listening (for tests and health). */
  get subscriberCount(): number {
    return this.emitter.listenerCount('event');
  }
}
