/**
 * Theme names as people wrote them vary in ways that mean the same theme: "Peace & Security",
 * "peace and security", "Peace and security." or "Human Right" and "Human Rights". `/event themes`
 * counts them as one, under the spelling most events use.
 */

/** A key under which near-duplicate names fall together: case, accents, punctuation, "&"/"and", plurals. */
export function themeKey(title: string): string {
  // Most names are plain ASCII: they need neither Unicode normalisation nor Unicode classes (a third
  // of the time of merging 20,000 names).
  const ascii = /^[\x20-\x7e]*$/.test(title);
  const folded = ascii
    ? title.toLowerCase()
    : title
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
  return folded
    .replace(/&/g, ' and ')
    .replace(ascii ? /[^a-z0-9]+/g : /[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .map(singular)
    .join(' ');
}

/** English plurals of the kinds theme names use; short words and -ss/-us/-is words stay as they are. */
function singular(word: string): string {
  if (word.length <= 3 || !word.endsWith('s') || /(?:ss|us|is)$/.test(word)) return word;
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

let byTitle: Intl.Collator | undefined;

/**
 * Ties in count go alphabetically, case and accents aside: one collator (localeCompare makes one per
 * call), made on first use, since ICU's first costs a start that lists no themes about 7 ms.
 */
function titleOrder(a: string, b: string): number {
  byTitle ??= new Intl.Collator('en', { sensitivity: 'base' });
  return byTitle.compare(a, b);
}

/** A merged theme: the spelling most of its events use, their count, and how many spellings fell together. */
export interface MergedTheme {
  title: string;
  count: number;
  spellings: number;
}

/**
 * Folds near-duplicate names together (see {@link themeKey}), adding their counts, most discussed
 * first. An event that carries two spellings of one theme counts twice; archives rarely do that.
 */
export function mergeThemes(rows: readonly { title: string; count: number }[]): MergedTheme[] {
  const groups = new Map<
    string,
    { best: { title: string; count: number }; count: number; spellings: number }
  >();
  for (const row of rows) {
    const key = themeKey(row.title) || row.title.toLowerCase();
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { best: row, count: row.count, spellings: 1 });
      continue;
    }
    group.count += row.count;
    group.spellings += 1;
    if (row.count > group.best.count) group.best = row;
  }
  return [...groups.values()]
    .map((g) => ({ title: g.best.title.trim(), count: g.count, spellings: g.spellings }))
    .sort((a, b) => b.count - a.count || titleOrder(a.title, b.title));
}
