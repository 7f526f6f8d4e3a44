import { readFileSync } from 'node:fs';
import { DateTime, IANAZone } from 'luxon';
import YAML from 'yaml';
import * as z from 'zod';
import { collect } from './json-loader.js';
import { lineOfOffset } from './lines.js';
import { RECORD_FIELDS, splitList } from './record-fields.js';
import type { LoadResult, MappedRecord, MapRow, Problem } from './types.js';

const TARGETS = RECORD_FIELDS;
type Target = (typeof TARGETS)[number];
const LISTS = new Set<Target>(['hosts', 'speakers', 'themes', 'tags']);
const DATES = new Set<Target>(['start', 'end']);
/** Records whose mapping `check --map` shows. */
const SHOWN = 3;

const Path = z.string().trim().min(1);
const RuleSchema = z.union([
  Path,
  z
    .object({
      from: z.union([Path, z.array(Path).min(1)]),
      split: z.string().min(1).optional(),
      format: z.union([Path, z.array(Path).min(1)]).optional(),
      zone: z
        .string()
        .refine((zone) => IANAZone.isValidZone(zone), 'is not an IANA time zone (e.g. America/New_York)')
        .optional(),
    })
    .strict(),
]);
const MapSchema = z.object({ fields: z.partialRecord(z.enum(TARGETS), RuleSchema) }).strict();

interface Rule {
  from: string[];
  split?: string;
  formats?: string[];
  zone?: string;
}

/** A field map read from its file: which source fields become which of ours, and how. */
export interface FieldMap {
  file: string;
  /** The map's text, so a changed map re-reads the files it applies to. */
  text: string;
  rules: Map<Target, Rule>;
}

/** The first source field a map reads one of our fields from, if it maps it. */
export function sourceOf(map: FieldMap, field: string): string | undefined {
  return map.rules.get(field as Target)?.from[0];
}

/** Reads and checks a map file; its problems are `map-file:line: field: message` like any archive file's. */
export function readFieldMap(file: string): { map: FieldMap } | { problems: Problem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { problems: [{ file, line: 1, message: `cannot read the field map (${code})` }] };
  }
  const doc = YAML.parseDocument(text, { schema: 'core' });
  if (doc.errors.length) {
    const error = doc.errors[0];
    const message = `not valid YAML or JSON: ${error.message.split('\n')[0]}`;
    return { problems: [{ file, line: error.linePos?.[0].line ?? 1, message }] };
  }
  const parsed = MapSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => {
        const extra = issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
        const path = [...issue.path, ...extra] as (string | number)[];
        const node = doc.getIn(path, true) as YAML.Node | undefined;
        const key = (doc.getIn(path.slice(0, -1), true) as YAML.YAMLMap | undefined)?.items?.find(
          (pair) => YAML.isScalar(pair.key) && pair.key.value === path.at(-1),
        )?.key as YAML.Scalar | undefined;
        const offset = key?.range?.[0] ?? node?.range?.[0];
        const line = offset === undefined ? 1 : lineOfOffset(text, offset);
        const field = path.join('.') || undefined;
        const known = issue.code === 'invalid_key' || issue.code === 'unrecognized_keys';
        const hint = known ? ` (fields: ${TARGETS.join(', ')}; a rule has from, split, format, zone)` : '';
        return { file, line, field, message: `${issue.message}${hint}` };
      }),
    };
  }
  const rules = new Map<Target, Rule>();
  for (const [target, rule] of Object.entries(parsed.data.fields) as [Target, z.infer<typeof RuleSchema>][]) {
    if (typeof rule === 'string') rules.set(target, { from: [rule] });
    else {
      const formats = rule.format === undefined ? undefined : [rule.format].flat();
      rules.set(target, { from: [rule.from].flat(), split: rule.split, formats, zone: rule.zone });
    }
  }
  return { map: { file, text, rules } };
}

/**
 * A nested value by dotted path: `event.name` is `record.event.name` (a key that itself holds the dot,
 * such as a CSV column "event.name", wins). Through an array the path goes into every element.
 */
function valueAt(source: unknown, path: string): unknown {
  if (source && typeof source === 'object' && !Array.isArray(source) && path in source) {
    return (source as Record<string, unknown>)[path];
  }
  const [head, ...rest] = path.split('.');
  const step = (value: unknown): unknown => {
    if (Array.isArray(value) && !/^\d+$/.test(head)) return value.flatMap((v) => [step(v)].flat());
    return value && typeof value === 'object' ? (value as Record<string, unknown>)[head] : undefined;
  };
  const next = step(source);
  return rest.length && next !== undefined ? valueAt(next, rest.join('.')) : next;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A date or date-time in one of `formats` (luxon tokens, or `iso`, `epoch-ms`, `epoch-s`) in `zone`. */
function toDate(value: string, formats: string[], zone: string): string | undefined {
  for (const format of formats) {
    const dt =
      format === 'iso'
        ? DateTime.fromISO(value, { zone, setZone: /([+-]\d\d:?\d\d|Z)$/.test(value) })
        : format === 'epoch-ms' || format === 'epoch-s'
          ? DateTime.fromMillis(Number(value) * (format === 'epoch-s' ? 1000 : 1), { zone })
          : DateTime.fromFormat(value, format, { zone });
    if (!dt.isValid) continue;
    const dateOnly =
      format === 'iso'
        ? /^\d{4}-\d\d-\d\d$/.test(value)
        : !/[hHmsaStTXx]/.test(format.replace(/'[^']*'/g, ''));
    return (dateOnly ? dt.toISODate() : dt.toISO({ suppressMilliseconds: true })) ?? undefined;
  }
  return undefined;
}

/** One source record through the map: the record in our names, what went wrong, and how each field came. */
function mapRecord(source: unknown, map: FieldMap, defaultZone: string) {
  const problems: { field: string; message: string }[] = [];
  const rows: MapRow[] = [];
  if (!source || typeof source !== 'object' || Array.isArray(source))
    return { record: source, problems, rows, unused: [] };
  const own = source as Record<string, unknown>;
  const kept = (t: Target) => (LISTS.has(t) && typeof own[t] === 'string' ? splitList(own[t], t) : own[t]);
  const record: Record<string, unknown> = Object.fromEntries(
    TARGETS.filter((t) => t in own).map((t) => [t, kept(t)]),
  );
  const used = new Set<string>(TARGETS.filter((t) => t in own));
  const ordered = [...map.rules].sort(([a], [b]) => Number(DATES.has(a)) - Number(DATES.has(b)));
  for (const [field, rule] of ordered) {
    for (const path of rule.from) used.add(path in own ? path : path.split('.')[0]);
    const values = rule.from.map((path) => valueAt(own, path));
    const from = rule.from.join(' + ');
    if (values.every((v) => v === undefined || v === null || v === '')) {
      if (field in own)
        rows.push({ field, from: `${field} (its own name)`, raw: String(own[field]), value: own[field] });
      continue;
    }
    const structured = values.find((v) => v && typeof v === 'object' && !Array.isArray(v));
    if (structured) {
      const keys = Object.keys(structured).slice(0, 4).join(', ');
      problems.push({ field, message: `${from} holds an object; name a field inside it (${keys})` });
      continue;
    }
    const parts = values
      .flat()
      .map(text)
      .filter((v): v is string => v !== undefined);
    const raw = parts.join(' ');
    let value: unknown = raw;
    if (LISTS.has(field)) {
      value = Array.isArray(values[0]) && !rule.split ? parts : splitList(raw, field, rule.split ?? ';');
    } else if (DATES.has(field) && (rule.formats || rule.zone)) {
      const zone = rule.zone ?? text(record.timezone) ?? defaultZone;
      value = toDate(raw, rule.formats ?? ['iso'], IANAZone.isValidZone(zone) ? zone : defaultZone);
      if (value === undefined) {
        const expected = (rule.formats ?? ['an ISO date or date-time']).join(' or ');
        problems.push({ field, message: `"${raw}" (from ${from}) does not read as ${expected}` });
        continue;
      }
      if (rule.zone && record.timezone === undefined) record.timezone = rule.zone;
    }
    record[field] = value;
    const how = rule.split
      ? ` split on "${rule.split}"`
      : rule.formats
        ? ` as ${rule.formats.join(' or ')}`
        : '';
    rows.push({ field, from: from + how, raw, value });
  }
  const unused = Object.keys(own).filter((key) => !used.has(key));
  return { record, problems, rows, unused };
}

/**
 * Records of a JSON, JSON Lines, CSV or Markdown file through its map, then validated as the loader's
 * own are. A field the map could not read is reported at its record; the first records' mapping is kept
 * for `check --map`.
 */
export function collectMapped(
  items: { record: unknown; line: number }[],
  file: string,
  map: FieldMap,
  defaultZone: string,
  prepare: (record: Record<string, unknown>) => void = () => {},
): LoadResult {
  const mapped = items.map(({ record, line }) => ({ line, ...mapRecord(record, map, defaultZone) }));
  for (const m of mapped)
    if (m.record && typeof m.record === 'object') prepare(m.record as Record<string, unknown>);
  const result = collect(mapped, file);
  const own: Problem[] = mapped.flatMap((m) => m.problems.map((p) => ({ file, line: m.line, ...p })));
  const taken = new Set(own.map((p) => `${p.line} ${p.field}`));
  const problems = [...own, ...result.problems.filter((p) => !taken.has(`${p.line} ${p.field}`))];
  const records: MappedRecord[] = mapped
    .slice(0, SHOWN)
    .map(({ line, rows, unused }) => ({ line, rows, unused }));
  return {
    events: result.events.filter((e) => !own.some((p) => p.line === e.source?.line)),
    problems: problems.sort((a, b) => a.line - b.line),
    mapped: { map: map.file, records },
  };
}
