import type { Event } from '../core/model.js';

/**
 * Our own iCalendar export keeps what a calendar has no property for (id, hosts, speakers, themes, body,
 * zone, times as first written, and a cancelled or postponed status: iCalendar's STATUS:CANCELLED would
 * have a calendar drop the event, and it has no word for postponed) as JSON in one X- property, which other calendar programs ignore, so
 * an export re-imports to the same events. This file owns that format: the writer and the reader.
 */
export const SIDECAR_PROPERTY = 'x-event-archive';

/** The sidecar of one event, as the property's text. */
export function sidecarOf(e: Event): string {
  const { id, hosts, speakers, themes, body, timezone, start, end, status } = e;
  return JSON.stringify({ id, hosts, speakers, themes, body, timezone, start, end, status });
}

function parsed(raw: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * A calendar record with the sidecar's fields laid over it. The calendar's own times win unless the
 * sidecar's name the same instants (then its written form, with the original offset, is kept), so a time
 * moved in another calendar program is not undone. The model validates whatever comes out.
 */
export function withSidecar<R extends { start: string; end?: string }>(record: R, raw: string | undefined) {
  const { id, hosts, speakers, themes, body, timezone, start, end, status } = parsed(raw);
  const same = (a: unknown, b: string | undefined): a is string =>
    typeof a === 'string' && b !== undefined && Date.parse(a) === Date.parse(b);
  return {
    ...record,
    ...(typeof id === 'string' ? { id } : {}),
    ...(Array.isArray(hosts) ? { hosts } : {}),
    ...(Array.isArray(speakers) ? { speakers } : {}),
    ...(Array.isArray(themes) ? { themes } : {}),
    ...(typeof body === 'string' ? { body } : {}),
    ...(typeof timezone === 'string' ? { timezone } : {}),
    ...(same(start, record.start) ? { start } : {}),
    ...(same(end, record.end) ? { end } : {}),
    ...(typeof status === 'string' ? { status } : {}),
  };
}
