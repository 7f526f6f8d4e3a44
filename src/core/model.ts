import { hash } from 'node:crypto';
import * as z from 'zod';
import { slugify } from './text.js';
import { eventTimeToMillis, isValidDateTime, isValidTimeZone } from './time.js';

/** A person on the programme; `role` is free text such as "Minister of Foreign Affairs, Finland". */
const SpeakerSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  role: z.string().trim().max(500).optional(),
});
export type Speaker = z.infer<typeof SpeakerSchema>;

/** One numbered "key theme" of an event, kept in order. */
const ThemeSchema = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(500),
  summary: z.string().trim().max(20_000).default(''),
});
export type Theme = z.infer<typeof ThemeSchema>;

/** Where a record came from, so every later message can name file and line. */
const SourceSchema = z.object({
  file: z.string(),
  line: z.number().int().nonnegative(),
});
export type Source = z.infer<typeof SourceSchema>;

/** Longest id we keep; a URL id of Slack's own 2000-character link limit fits. */
const MAX_ID_LENGTH = 2000;

const DATE_HINT = 'expected a date like 2013-09-25 or a date-time with offset like 2013-09-25T19:00:00-04:00';

/** `YYYY-MM-DD`, or an ISO date-time with `Z` or an explicit offset. Floating date-times are refused. */
const EventTimeSchema = z
  .string()
  .trim()
  .refine((value) => isValidDateTime(value), { message: DATE_HINT });

/** A cancelled or postponed event; anything else is scheduled and carries no status. */
const EventStatusSchema = z.enum(['cancelled', 'postponed'], {
  error: 'must be cancelled or postponed',
});
export type EventStatus = z.infer<typeof EventStatusSchema>;

/** How every door names a status on a card. */
export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  cancelled: 'Cancelled',
  postponed: 'Postponed',
};

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

/** An http(s) link; zod's URL check may also rewrite it (tabs and line breaks are dropped). */
const UrlSchema = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must be an http(s) link' });

const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]+$/u;

const personList = z.array(z.string().trim().min(1, 'must not be empty').max(300)).default([]);

/** The stored, validated event. */
export const EventSchema = z
  .object({
    /** Any id an archive already uses (long CMS slugs, UUIDs, URLs), kept exactly as written. */
    id: z
      .string()
      .trim()
      .min(1)
      .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
      .regex(NO_CONTROL_CHARACTERS, 'must not contain control characters such as tabs or line breaks'),
    title: z.string().trim().min(1, 'is required').max(500),
    type: z.string().trim().min(1).max(100).default('Event'),
    start: EventTimeSchema,
    end: EventTimeSchema.optional(),
    timezone: z
      .string()
      .trim()
      .refine(isValidTimeZone, { message: 'is not an IANA time zone such as Europe/Helsinki' })
      .optional(),
    location: optionalText(500),
    url: UrlSchema.optional(),
    hosts: personList,
    speakers: z.array(SpeakerSchema).default([]),
    summary: z.string().trim().max(50_000).default(''),
    body: z.string().trim().max(200_000).default(''),
    themes: z.array(ThemeSchema).max(200).default([]),
    tags: z.array(z.string().trim().min(1).max(100)).default([]),
    /** Occurrences of one recurring series (an iCalendar UID) share this key; search shows one of them. */
    series: z.string().trim().min(1).max(200).optional(),
    /** Set only when the event will not happen as announced (schema.org eventStatus); cards say so. */
    status: EventStatusSchema.optional(),
    source: SourceSchema.optional(),
  })
  .refine(
    (e) =>
      e.end === undefined ||
      !isValidDateTime(e.start) ||
      eventTimeToMillis(e.end, e.timezone) >= eventTimeToMillis(e.start, e.timezone),
    {
      message: 'must not be before start',
      path: ['end'],
      // Checked whenever both times read, even when another field failed, so one pass names every problem.
      when: ({ value }) => bothTimesValid(value),
    },
  );

function bothTimesValid(value: unknown): boolean {
  const v = value as { start?: unknown; end?: unknown };
  return (
    typeof v.start === 'string' &&
    typeof v.end === 'string' &&
    isValidDateTime(v.start.trim()) &&
    isValidDateTime(v.end.trim())
  );
}
export type Event = z.infer<typeof EventSchema>;

const speakerInput = z.union([
  z.string().transform((name) => ({ name })),
  z.object({ name: z.string(), role: z.string().optional().nullable() }).transform((s) => ({
    name: s.name,
    role: s.role ?? undefined,
  })),
]);

const themeInput = z.union([
  z.string().transform((title) => ({ title })),
  z.object({ title: z.string(), summary: z.string().optional().nullable() }).transform((t) => ({
    title: t.title,
    summary: t.summary ?? undefined,
  })),
]);

const nullToUndefined = <T>(v: T | null | undefined) => (v === null ? undefined : v);

/**
 * What an archive file may say about an event: like {@link EventSchema}, but `id` may be left out
 * (it is derived from date and title), speakers and themes may be plain strings, and nulls mean "absent".
 */
const EventInputSchema = z
  .object({
    id: z.string().optional().nullable(),
    title: z.string({ error: 'is required' }),
    type: z.string().optional().nullable(),
    start: z.string({ error: 'is required' }),
    end: z.string().optional().nullable(),
    timezone: z.string().optional().nullable(),
    location: z.string().optional().nullable(),
    url: z.string().optional().nullable(),
    hosts: z.array(z.string()).optional().nullable(),
    speakers: z.array(speakerInput).optional().nullable(),
    summary: z.string().optional().nullable(),
    body: z.string().optional().nullable(),
    themes: z.array(themeInput).optional().nullable(),
    tags: z.array(z.string()).optional().nullable(),
    series: z.string().optional().nullable(),
    status: z.string().optional().nullable(),
  })
  .passthrough();
export type EventInput = z.input<typeof EventInputSchema>;

/** A stable id: the start date plus a slug of the title, e.g. `2013-09-25-strengthening-the-partnership`. */
export function deriveEventId(start: string, title: string): string {
  const date = start.trim().slice(0, 10);
  const slug = slugify(title).slice(0, 80).replace(/-+$/, '');
  return `${date}-${slug || 'event'}`;
}

/** Short keys start with this, so a key never reads as one of the short ids stored as they are. */
export const EVENT_KEY_PREFIX = '~';

/**
 * A short, stable stand-in for an id, for places with tight limits (Slack option values hold 150
 * characters): `~` plus 22 base64url characters of the id's SHA-256. Storage resolves it back.
 */
export function eventKey(id: string): string {
  return EVENT_KEY_PREFIX + hash('sha256', id, 'base64url').slice(0, 22);
}

export type ValidationProblem = { field: string; message: string };

type ParsedEvent = { ok: true; event: Event } | { ok: false; problems: ValidationProblem[] };

/** Validates one archive record; returns the event or the problems, each naming a field. */
export function parseEvent(input: unknown, source?: Source): ParsedEvent {
  const plain = plainEvent(input, source);
  return plain ? { ok: true, event: plain } : parseEventWithSchemas(input, source);
}

/** {@link parseEvent} by the zod schemas alone, the validator of record (exported for the test that holds the two equal). */
export function parseEventWithSchemas(input: unknown, source?: Source): ParsedEvent {
  const shaped = EventInputSchema.safeParse(input);
  if (!shaped.success) return { ok: false, problems: toProblems(shaped.error) };
  const raw = shaped.data;
  const candidate = {
    id:
      nullToUndefined(raw.id) ||
      (raw.title && isValidDateTime(raw.start.trim()) ? deriveEventId(raw.start, raw.title) : 'pending'),
    title: raw.title,
    type: nullToUndefined(raw.type) || undefined,
    start: raw.start,
    end: nullToUndefined(raw.end) || undefined,
    timezone: nullToUndefined(raw.timezone) || undefined,
    location: nullToUndefined(raw.location),
    url: nullToUndefined(raw.url) || undefined,
    hosts: nullToUndefined(raw.hosts),
    speakers: nullToUndefined(raw.speakers),
    summary: nullToUndefined(raw.summary),
    body: nullToUndefined(raw.body),
    themes: nullToUndefined(raw.themes),
    tags: nullToUndefined(raw.tags),
    series: nullToUndefined(raw.series) || undefined,
    status: nullToUndefined(raw.status)?.trim().toLowerCase() || undefined,
    source,
  };
  const parsed = EventSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, problems: toProblems(parsed.error) };
  return { ok: true, event: parsed.data };
}

function toProblems(error: z.ZodError): ValidationProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(record)',
    message: issue.message,
  }));
}

/** Marks a field that only zod may judge (or word the problem with). */
const ASK_ZOD = Symbol('ask zod');
type Checked<T> = T | typeof ASK_ZOD;

/** A string field as the schemas read it: trimmed, then between `min` and `max` characters long. */
function trimmed(value: unknown, min: number, max: number): Checked<string> {
  if (typeof value !== 'string') return ASK_ZOD;
  const text = value.trim();
  return text.length >= min && text.length <= max ? text : ASK_ZOD;
}

/** A field that may be absent (undefined, null or, when `emptyIsAbsent`, ''), else as {@link trimmed}. */
function optionalTrimmed(
  value: unknown,
  min: number,
  max: number,
  emptyIsAbsent = true,
): Checked<string | undefined> {
  if (value === undefined || value === null || (emptyIsAbsent && value === '')) return undefined;
  return trimmed(value, min, max);
}

/** A list field: absent is empty; otherwise each element through `each`. */
function list<T>(value: unknown, each: (element: unknown) => Checked<T>): Checked<T[]> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return ASK_ZOD;
  const out: T[] = [];
  for (const element of value) {
    const checked = each(element);
    if (checked === ASK_ZOD) return ASK_ZOD;
    out.push(checked);
  }
  return out;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const plainHost = (value: unknown) => trimmed(value, 1, 300);
const plainTag = (value: unknown) => trimmed(value, 1, 100);

function plainSpeaker(value: unknown): Checked<Speaker> {
  if (typeof value === 'string') {
    const name = trimmed(value, 1, 200);
    return name === ASK_ZOD ? name : { name };
  }
  if (!isRecord(value)) return ASK_ZOD;
  const name = trimmed(value.name, 1, 200);
  const role = optionalTrimmed(value.role, 0, 500, false);
  return name === ASK_ZOD || role === ASK_ZOD ? ASK_ZOD : { name, role };
}

function plainTheme(value: unknown): Checked<Theme> {
  if (typeof value === 'string') {
    const title = trimmed(value, 1, 500);
    return title === ASK_ZOD ? title : { title, summary: '' };
  }
  if (!isRecord(value)) return ASK_ZOD;
  const title = trimmed(value.title, 1, 500);
  const summary = optionalTrimmed(value.summary, 0, 20_000, false);
  return title === ASK_ZOD || summary === ASK_ZOD ? ASK_ZOD : { title, summary: summary ?? '' };
}

/**
 * The event a plainly valid record stands for, built without zod, exactly as {@link parseEvent}'s
 * schemas would build it (the same values, keys and key order); undefined whenever anything is unusual,
 * and zod then decides and words the problems. An import validates every record, and zod's two passes
 * were a tenth of its CPU. tests/core/plain-event.test.ts holds the two to the same output.
 */
export function plainEvent(input: unknown, source?: Source): Event | undefined {
  if (!isRecord(input)) return undefined;
  const { title: rawTitle, start: rawStart, status: rawStatus } = input;
  const title = trimmed(rawTitle, 1, 500);
  const start = trimmed(rawStart, 1, Number.POSITIVE_INFINITY);
  if (title === ASK_ZOD || start === ASK_ZOD || !isValidDateTime(start)) return undefined;
  const rawId = input.id;
  if (rawId !== undefined && rawId !== null && typeof rawId !== 'string') return undefined;
  const id = trimmed(rawId || deriveEventId(rawStart as string, rawTitle as string), 1, MAX_ID_LENGTH);
  const type = optionalTrimmed(input.type, 1, 100);
  const end = optionalTrimmed(input.end, 1, Number.POSITIVE_INFINITY);
  const timezone = optionalTrimmed(input.timezone, 1, Number.POSITIVE_INFINITY);
  const location = optionalTrimmed(input.location, 0, 500, false);
  const series = optionalTrimmed(input.series, 1, 200);
  const summary = optionalTrimmed(input.summary, 0, 50_000, false);
  const body = optionalTrimmed(input.body, 0, 200_000, false);
  const hosts = list(input.hosts, plainHost);
  const speakers = list(input.speakers, plainSpeaker);
  const themes = list(input.themes, plainTheme);
  const tags = list(input.tags, plainTag);
  const fields = [id, type, end, timezone, location, series, summary, body, hosts, speakers, themes, tags];
  if (fields.includes(ASK_ZOD)) return undefined;
  if (!NO_CONTROL_CHARACTERS.test(id as string)) return undefined;
  if (end !== undefined && !isValidDateTime(end as string)) return undefined;
  if (timezone !== undefined && !isValidTimeZone(timezone as string)) return undefined;
  if ((themes as Theme[]).length > 200) return undefined;
  let url: string | undefined;
  if (input.url !== undefined && input.url !== null && input.url !== '') {
    const checked = UrlSchema.safeParse(input.url);
    if (!checked.success) return undefined;
    url = checked.data;
  }
  let status: EventStatus | undefined;
  if (rawStatus !== undefined && rawStatus !== null) {
    if (typeof rawStatus !== 'string') return undefined;
    const word = rawStatus.trim().toLowerCase();
    if (word === 'cancelled' || word === 'postponed') status = word;
    else if (word !== '') return undefined;
  }
  if (source && !(typeof source.file === 'string' && Number.isSafeInteger(source.line) && source.line >= 0)) {
    return undefined;
  }
  const zone = timezone as string | undefined;
  if (end !== undefined && !(eventTimeToMillis(end as string, zone) >= eventTimeToMillis(start, zone))) {
    return undefined;
  }
  return {
    id: id as string,
    title,
    type: (type as string | undefined) ?? 'Event',
    start,
    end: end as string | undefined,
    timezone: zone,
    location: (location as string | undefined) || undefined,
    url,
    hosts: hosts as string[],
    speakers: speakers as Speaker[],
    summary: (summary as string | undefined) ?? '',
    body: (body as string | undefined) ?? '',
    themes: themes as Theme[],
    tags: tags as string[],
    series: series as string | undefined,
    status,
    source: source && { file: source.file, line: source.line },
  };
}
