import { DateTime } from 'luxon';
import { parseFragment } from 'parse5';
import type { Problem } from '../types.js';
import { textContent } from './dom.js';
import type { SchemaNode } from './json-ld.js';

/** schema.org's Event and its subtypes (BusinessEvent, EducationEvent, MusicEvent …), Festival, Hackathon. */
const EVENT_TYPE = /^(?:\w*Event|Festival|Hackathon)$/;
const SCHEMA_PREFIX = /^(?:https?:\/\/schema\.org\/|schema:)/i;

/** What an eventStatus says in our model; scheduled, rescheduled and moved online are not marked. */
const STATUS: Record<string, 'cancelled' | 'postponed'> = {
  EventCancelled: 'cancelled',
  EventPostponed: 'postponed',
};

/** The node's types without the schema.org prefix (`http://schema.org/Event` → `Event`). */
function typesOf(node: SchemaNode): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(SCHEMA_PREFIX, ''));
}

export function isEvent(node: SchemaNode): boolean {
  return typesOf(node).some((t) => EVENT_TYPE.test(t));
}

/** How nodes referred to by `{"@id": …}` alone (common in `@graph`) are found. */
export type NodeIndex = Map<string, SchemaNode>;

export interface PageContext {
  file: string;
  line: number;
  /** The page's own address (canonical link or `<base>`), for relative `url` values. */
  base?: string;
  defaultZone: string;
  index: NodeIndex;
  warnings: Problem[];
}

/**
 * One schema.org Event as an archive record: name, dates (an offset kept; a time without one read in
 * the default zone, with a warning), location (Place name and address), organizer as hosts, performer
 * as speakers, description, url and status. The model validates the record; a missing name or start is
 * reported there, against this line.
 */
export function eventRecord(node: SchemaNode, context: PageContext): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const title = text(first(node.name), context);
  if (title) record.title = title;
  const type = typesOf(node).find((t) => EVENT_TYPE.test(t));
  if (type && type !== 'Event') record.type = type.replace(/([a-z])([A-Z])/g, '$1 $2');
  const start = time(first(node.startDate), 'startDate', context);
  if (start) {
    record.start = start.value;
    if (start.zone) record.timezone = start.zone;
  }
  const end = time(first(node.endDate), 'endDate', context);
  if (end) record.end = end.value;
  const location = place(first(node.location), context);
  if (location) record.location = location;
  record.hosts = names(node.organizer, context);
  record.speakers = names(node.performer, context).map((name) => ({ name }));
  const description = text(first(node.description), context);
  if (description) record.summary = description;
  const url = link(first(node.url), context);
  if (url) record.url = url;
  const status = STATUS[String(text(first(node.eventStatus), context) ?? '').replace(SCHEMA_PREFIX, '')];
  if (status) record.status = status;
  return record;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function resolve(value: unknown, context: PageContext): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const node = value as SchemaNode;
    const id = node['@id'];
    if (typeof id === 'string' && Object.keys(node).length === 1) return context.index.get(id) ?? node;
  }
  return value;
}

/** A string, or the `name` / `@value` of an object; markup and entities in it read as plain text. */
function text(value: unknown, context: PageContext): string | undefined {
  const resolved = resolve(value, context);
  if (typeof resolved === 'number') return String(resolved);
  if (typeof resolved === 'string') {
    const plain = /[<&]/.test(resolved) ? textContent(parseFragment(resolved)) : resolved;
    return plain.replace(/\s+/g, ' ').trim() || undefined;
  }
  if (resolved && typeof resolved === 'object' && !Array.isArray(resolved)) {
    const node = resolved as SchemaNode;
    return text(node['@value'] ?? node.name ?? node['@id'], context);
  }
  return undefined;
}

/** Names of organizers or performers (a string, a Person or Organization, or a list of them). */
function names(value: unknown, context: PageContext): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const out = list.map((item) =>
    text(typeof item === 'object' ? { name: (resolve(item, context) as SchemaNode)?.name } : item, context),
  );
  return [...new Set(out.filter((n): n is string => Boolean(n)))];
}

/** "The Owl Music Parlor, 497 Rogers Ave, Brooklyn, NY, 11225, US": a Place's name and address. */
function place(value: unknown, context: PageContext): string | undefined {
  const resolved = resolve(value, context);
  if (typeof resolved === 'string') return text(resolved, context);
  if (!resolved || typeof resolved !== 'object') return undefined;
  const node = resolved as SchemaNode;
  if (typesOf(node).includes('VirtualLocation')) return 'Online';
  const parts = [text(first(node.name), context), address(first(node.address), context)];
  const joined = [...new Set(parts.filter(Boolean))].join(', ');
  return joined || undefined;
}

function address(value: unknown, context: PageContext): string | undefined {
  const resolved = resolve(value, context);
  if (typeof resolved === 'string') return text(resolved, context);
  if (!resolved || typeof resolved !== 'object') return undefined;
  const node = resolved as SchemaNode;
  const fields = ['streetAddress', 'addressLocality', 'addressRegion', 'postalCode', 'addressCountry'];
  const parts = fields.map((f) => text(first(node[f]), context)).filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

/** An absolute http(s) link; a relative one is resolved against the page's address, or left out. */
function link(value: unknown, context: PageContext): string | undefined {
  const raw = text(value, context);
  if (!raw) return undefined;
  try {
    const url = new URL(raw, context.base);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // reported below
  }
  context.warnings.push({
    file: context.file,
    line: context.line,
    field: 'url',
    message: `"${raw.slice(0, 100)}" is not an absolute http(s) link and the page names no address of its own; left out`,
  });
  return undefined;
}

/**
 * A schema.org date or date-time as the model takes it: `YYYY-MM-DD`, or a date-time with its offset
 * (luxon reads `-0400` and `-04:00` alike). A date-time without an offset is read in the default zone.
 * Anything else is passed on as written, so the model reports it against its field.
 */
function time(
  value: unknown,
  field: string,
  context: PageContext,
): { value: string; zone?: string } | undefined {
  const raw = text(value, context);
  if (!raw) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return { value: raw };
  const withOffset = DateTime.fromISO(raw, { setZone: true });
  if (!withOffset.isValid) return { value: raw };
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(raw)) {
    return { value: withOffset.toISO({ suppressMilliseconds: true }) ?? raw };
  }
  const local = DateTime.fromISO(raw, { zone: context.defaultZone });
  context.warnings.push({
    file: context.file,
    line: context.line,
    field,
    message: `"${raw}" has no UTC offset; read in ${context.defaultZone}`,
  });
  return { value: local.toISO({ suppressMilliseconds: true }) ?? raw, zone: context.defaultZone };
}
