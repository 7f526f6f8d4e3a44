import { DateTime } from 'luxon';
import { deriveEventId, type Event, type EventInput, parseEvent } from '../model.js';
import {
  type AddedEvent,
  type AddedEventMirror,
  type AddedEventStore,
  SLACK_SOURCE,
} from '../ports/added-events.js';
import type { SearchIndex } from '../ports/search.js';
import { DEFAULT_WORKSPACE, type Workspace } from '../reminders/model.js';
import { isValidTimeZone } from '../time.js';

/** The add/edit form's fields, as typed (every one a string; lists one item a line or comma-separated). */
export interface EventForm {
  title?: string;
  type?: string;
  start?: string;
  end?: string;
  timezone?: string;
  location?: string;
  url?: string;
  hosts?: string;
  speakers?: string;
  summary?: string;
  themes?: string;
  tags?: string;
}
export type EventFormField = keyof EventForm;
export const EVENT_FORM_FIELDS: readonly EventFormField[] = [
  'title',
  'type',
  'start',
  'end',
  'timezone',
  'location',
  'url',
  'hosts',
  'speakers',
  'summary',
  'themes',
  'tags',
];

/** What a submission needs: the state store, this replica's index, the clock and zone. */
export interface AddEventDeps {
  store: AddedEventStore;
  mirror: AddedEventMirror;
  index: Pick<SearchIndex, 'events'>;
  clock: { now(): Date };
  zone: string;
}

export type SubmitResult =
  | { ok: true; event: Event; created: boolean }
  | { ok: false; errors: Partial<Record<EventFormField, string>> };

/** What someone who may not add or edit events is told, so they know whom to ask. */
export const EDITORS_ONLY_EDIT =
  "Only the archive's editors can add or edit events. Ask a workspace admin, or whoever runs the bot, to add you to EVENT_EDITORS.";

const DATE_HELP = 'A date like 2027-03-14, or a date and time like 2027-03-14 18:30.';

/** "2027-03-14" stays a date; "2027-03-14 18:30" becomes an instant with the zone's offset. */
function readTime(text: string, zone: string): string | undefined {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    return DateTime.fromISO(value, { zone: 'UTC' }).isValid ? value : undefined;
  const at = DateTime.fromFormat(value.replace('T', ' '), 'yyyy-MM-dd HH:mm', { zone });
  return at.isValid ? (at.toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const commaList = (text: string | undefined) =>
  (text ?? '')
    .split(/[,\n]/)
    .map((l) => l.trim())
    .filter(Boolean);

/** "Name (Role)" or "Name, Role"; one speaker a line. */
function speaker(line: string): { name: string; role?: string } {
  const paren = /^(.+?)\s*\((.+)\)$/.exec(line);
  if (paren) return { name: paren[1].trim(), role: paren[2].trim() };
  return { name: line };
}

/**
 * Reads the form into an event, field by field: every problem comes back keyed by its field (a date
 * that does not read, an end before the start, a zone that is not IANA, a link that is not http(s)),
 * so the modal can show each beside its input.
 */
export function readEventForm(
  form: EventForm,
  zone: string,
): { ok: true; input: EventInput } | { ok: false; errors: Partial<Record<EventFormField, string>> } {
  const errors: Partial<Record<EventFormField, string>> = {};
  const timezone = form.timezone?.trim() || zone;
  if (!isValidTimeZone(timezone))
    errors.timezone = 'An IANA time zone such as Europe/Zurich or America/New_York.';
  const readZone = errors.timezone ? zone : timezone;
  if (!form.title?.trim()) errors.title = 'A title is needed.';
  const start = form.start?.trim() ? readTime(form.start, readZone) : undefined;
  if (!form.start?.trim()) errors.start = `When it starts. ${DATE_HELP}`;
  else if (!start) errors.start = `That date does not read. ${DATE_HELP}`;
  const end = form.end?.trim() ? readTime(form.end, readZone) : undefined;
  if (form.end?.trim() && !end) errors.end = `That date does not read. ${DATE_HELP}`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    input: {
      title: form.title?.trim() ?? '',
      type: form.type?.trim() || undefined,
      start: start ?? '',
      end,
      timezone,
      location: form.location?.trim() || undefined,
      url: form.url?.trim() || undefined,
      hosts: commaList(form.hosts),
      speakers: lines(form.speakers).map(speaker),
      summary: form.summary?.trim() || undefined,
      themes: lines(form.themes),
      tags: commaList(form.tags),
    },
  };
}

/** The form for an event being edited, filled from the event as stored. */
export function formOfEvent(event: Event): EventForm {
  const time = (value: string | undefined) => {
    if (!value || /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    const at = DateTime.fromISO(value, { setZone: true }).setZone(event.timezone ?? 'UTC');
    return at.isValid ? at.toFormat('yyyy-MM-dd HH:mm') : value;
  };
  return {
    title: event.title,
    type: event.type,
    start: time(event.start),
    end: time(event.end),
    timezone: event.timezone,
    location: event.location,
    url: event.url,
    hosts: event.hosts.join(', '),
    speakers: event.speakers.map((s) => (s.role ? `${s.name} (${s.role})` : s.name)).join('\n'),
    summary: event.summary,
    themes: event.themes.map((t) => t.title).join('\n'),
    tags: event.tags.join(', '),
  };
}

/**
 * A submitted add or edit form: validate it field by field, save it in the state store (with who and
 * which workspace), then mirror every Slack-added event into this replica's search index, so the event
 * is searchable at once. `editing` is the id of the Slack-added event being edited; files' events are
 * never edited here (fix those at their source).
 */
export async function submitEventForm(
  form: EventForm,
  asker: { userId: string; workspace?: Workspace; editing?: string },
  deps: AddEventDeps,
): Promise<SubmitResult> {
  const read = readEventForm(form, deps.zone);
  if (!read.ok) return read;
  const previous = asker.editing ? await deps.store.get(asker.editing) : undefined;
  if (asker.editing && !previous)
    return {
      ok: false,
      errors: { title: 'That event was not added in Slack, so it cannot be edited here.' },
    };
  const id = previous?.event.id ?? (await freeId(read.input, deps));
  const parsed = parseEvent({ ...read.input, id }, { file: SLACK_SOURCE, line: 0 });
  if (!parsed.ok) {
    const errors: Partial<Record<EventFormField, string>> = {};
    for (const p of parsed.problems) {
      const field = p.field.split('.')[0] as EventFormField;
      const key = EVENT_FORM_FIELDS.includes(field) ? field : 'title';
      errors[key] ??= messageFor(key, p.message);
    }
    return { ok: false, errors };
  }
  const nowMs = deps.clock.now().getTime();
  const added: AddedEvent = {
    event: parsed.event,
    workspace: previous?.workspace ?? asker.workspace ?? DEFAULT_WORKSPACE,
    addedBy: previous?.addedBy ?? asker.userId,
    addedMs: previous?.addedMs ?? nowMs,
    updatedBy: asker.userId,
    updatedMs: nowMs,
  };
  await deps.store.save(added);
  deps.mirror.mirror(await deps.store.all());
  return { ok: true, event: parsed.event, created: !previous };
}

function messageFor(field: EventFormField, message: string): string {
  const name = field === 'url' ? 'The link' : field === 'end' ? 'The end' : `The ${field}`;
  return `${name} ${message}.`.replace(/\.\.$/, '.');
}

/** `slack-<date>-<slug>`, numbered when an event already has it, so a Slack event never takes a file's id. */
async function freeId(input: EventInput, deps: AddEventDeps): Promise<string> {
  const base = `slack-${deriveEventId(input.start, input.title)}`;
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!deps.index.events([id]).length && !(await deps.store.get(id))) return id;
  }
}
