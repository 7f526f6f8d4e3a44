/** An archive record's fields, in the order CSV columns and `check --map` list them: the model's fields. */
export const RECORD_FIELDS = [
  'id',
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
  'body',
  'themes',
  'tags',
  'series',
] as const;

/**
 * How a flat export writes a list in one cell: items split on a separator (`;` by default); a speaker
 * may be `Name (Role)`, a theme `Title: summary`. The CSV loader and field maps read lists this way.
 */
export function splitList(value: string, field: string, separator = ';'): unknown[] {
  const items = value
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);
  if (field === 'speakers') return items.map(toSpeaker);
  if (field === 'themes') return items.map(toTheme);
  return items;
}

/** "Name (Role)"; the role runs to the final ")", so a role may hold its own parentheses. */
function toSpeaker(text: string): { name: string; role?: string } {
  const open = text.indexOf('(');
  if (open <= 0 || !text.endsWith(')')) return { name: text };
  return { name: text.slice(0, open).trim(), role: text.slice(open + 1, -1).trim() || undefined };
}

/** "Title: summary", split at the first colon-space so times like 10:00 in a title survive. */
function toTheme(text: string): { title: string; summary?: string } {
  const at = text.indexOf(': ');
  if (at <= 0) return { title: text };
  return { title: text.slice(0, at).trim(), summary: text.slice(at + 2).trim() };
}
