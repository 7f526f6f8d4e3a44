import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { HandledEvents } from '../storage/slack-events.js';

/** How long a handled event_id is remembered: Slack's last retry comes about 5 minutes after the first try. */
export const HANDLED_EVENT_TTL_MS = 2 * 60 * 60_000;

/**
 * Global middleware for Events API deliveries. Slack retries an event it thinks we missed; when we did
 * handle it (on any replica), the retry is dropped. An event is recorded only after its listeners
 * finished without throwing, so a retry of one whose first delivery never arrived, or failed, is
 * handled: dropping every retry would lose those. Other requests pass through untouched.
 */
export function dedupeEvents(
  store: HandledEvents,
  now: () => number = Date.now,
): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId =
      (body as { type?: string; event_id?: unknown }).type === 'event_callback'
        ? (body as { event_id?: unknown }).event_id
        : undefined;
    if (typeof eventId !== 'string' || !eventId) {
      await next();
      return;
    }
    if (await store.handled(eventId, now() - HANDLED_EVENT_TTL_MS)) return;
    await next();
    const at = now();
    await store.record(eventId, at, at - HANDLED_EVENT_TTL_MS);
  };
}
