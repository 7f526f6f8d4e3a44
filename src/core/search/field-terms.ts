import * as z from 'zod';
import table from './field-terms.json' with { type: 'json' };
import { tokenize } from './tokens.js';

const FieldTerms = z.object({
  acronyms: z.record(z.string(), z.string()),
  synonyms: z.array(z.array(z.string()).min(2)),
});

const terms = FieldTerms.parse(table);

/** The field's acronyms (lower case) with the words of what each stands for. */
export const FIELD_ACRONYMS: ReadonlyMap<string, string[]> = new Map(
  Object.entries(terms.acronyms).map(([acronym, words]) => [acronym.toLowerCase(), tokenize(words)]),
);

/**
 * Each acronym's full name, indexed by its first word. A name matches where its words follow each
 * other as tokens, with up to two short tokens (one to four characters: "and", "to the") between two
 * of them: "women, peace and security", "responsibility to protect".
 */
const EXPANSIONS = new Map<string, { acronym: string; words: string[] }[]>();
for (const [acronym, words] of FIELD_ACRONYMS) {
  const first = words[0] ?? '';
  EXPANSIONS.set(first, [...(EXPANSIONS.get(first) ?? []), { acronym, words }]);
}

/** A word's length and first letter as one number: most words are ruled out by it before a string lookup. */
const shapeOf = (word: string) => word.length * 65536 + word.charCodeAt(0);
const FIRST_WORD_SHAPES = new Set([...EXPANSIONS.keys()].map(shapeOf));

/** Whether `words` follow each other in `tokens` from `at` (the first is there), short tokens allowed between. */
function spelledOutAt(tokens: string[], at: number, words: string[], next = 1): boolean {
  if (next === words.length) return true;
  for (let skip = 0; skip <= 2; skip++) {
    const i = at + 1 + skip;
    if (i >= tokens.length) return false;
    if (skip > 0 && tokens[i - 1].length > 4) return false;
    if (tokens[i] === words[next] && spelledOutAt(tokens, i, words, next + 1)) return true;
  }
  return false;
}

/** One-word synonyms of a word (several-word ones are left to phrases), from the field table. */
export function synonymsOf(word: string): string[] {
  const out = new Set<string>();
  for (const set of terms.synonyms) {
    if (!set.includes(word)) continue;
    for (const other of set) if (other !== word && !other.includes(' ')) out.add(other);
  }
  return [...out];
}

/**
 * The acronyms an event's own text defines or implies: "Women, Peace and Security (WPS)", the initials
 * of a multi-word theme or host, and the field table's acronyms whose full name the text holds.
 */
export function acronymsIn(text: string, names: string[]): string[] {
  const out = new Set<string>();
  for (const match of text.matchAll(/\(([A-Z][A-Za-z0-9]{1,9})\)/g)) out.add(match[1].toLowerCase());
  for (const name of names) {
    const words = name.split(/[\s,\-–/]+/).filter((w) => /^\p{Lu}/u.test(w));
    if (words.length >= 3)
      out.add(
        words
          .map((w) => w[0])
          .join('')
          .toLowerCase(),
      );
  }
  // One pass over the words, trying only the names that start with each (an import runs this for
  // every event, and most names are absent from most texts); found names are added in table order.
  const tokens = tokenize(text);
  const spelled = new Set<string>();
  for (let at = 0; at < tokens.length; at++) {
    const candidates = FIRST_WORD_SHAPES.has(shapeOf(tokens[at])) ? EXPANSIONS.get(tokens[at]) : undefined;
    if (candidates)
      for (const { acronym, words } of candidates) if (spelledOutAt(tokens, at, words)) spelled.add(acronym);
  }
  if (spelled.size) for (const acronym of FIELD_ACRONYMS.keys()) if (spelled.has(acronym)) out.add(acronym);
  return [...out];
}
