import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { StudioEvent } from '../events/event-bus.ts';
import type { Studio } from '../studio.ts';

/** Longest quiet time on the stream, ms: a comment line is sent at least this often (docs/API.md "Live events"). */
const HEARTBEAT_INTERVAL_MS = 15_000;

/**
 * docs/API.md "Live events": `GET /api/events`, Server-Sent Events (hono's
 * `streamSSE`). Each `studio.events` event is sent as an SSE event of its
 * type (`generation`, `generation-deleted`, `experiment`, ...) with its data
 * as JSON; a comment line opens the stream and repeats every
 * `heartbeatMs` (default 15 s). The app's Host, Origin and access rules
 * apply before this route runs.
 */
export function createEventsRoutes(studio: Studio, options: { heartbeatMs?: number } = {}) {
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS;
  return new Hono().get('/', (context) =>
    streamSSE(context, async (stream) => {
      // Events are queued and written in order; a slow client only grows its own queue.
      let pending: Promise<void> = Promise.resolve();
      const send = (event: StudioEvent) => {
        pending = pending
          .then(() => (stream.closed || stream.aborted ? undefined : stream.writeSSE({ event: event.type, data: JSON.stringify(event.data) })))
          .catch(() => undefined);
      };
      const unsubscribe = studio.events.subscribe(send);
      const finished = new Promise<void>((resolve) => {
        stream.onAbort(() => resolve());
        context.req.raw.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      const heartbeat = setInterval(() => {
        pending = pending
          .then(() => (stream.closed || stream.aborted ? undefined : stream.write(': heartbeat\n\n').then(() => undefined)))
          .catch(() => undefined);
      }, heartbeatMs);
      try {
        await stream.write(': connected\n\n');
        await finished;
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
      }
    }),
  );
}
