import { EVENT_KEY_PREFIX, eventKey } from '../core/model.js';

/**
 * Longest id a button or option carries as it is. A "Remind me" option value holds 150 characters
 * (`{"e":"…","w":"hour-before"}` leaves 124; derived ids are at most 91), so anything longer, or holding characters JSON
 * would escape, travels as its short key instead.
 */
const MAX_INLINE_ID = 100;

const INLINE_SAFE = /^[A-Za-z0-9._:/@+-]+$/;

/**
 * What a Slack value carries to name an event: the id itself when it is short and plain, otherwise its
 * short key ({@link eventKey}), which the event store resolves back. Users and scripts only ever see the id.
 */
export function eventRef(id: string): string {
  return id.length <= MAX_INLINE_ID && INLINE_SAFE.test(id) && !id.startsWith(EVENT_KEY_PREFIX)
    ? id
    : eventKey(id);
}
