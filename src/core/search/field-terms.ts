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

/** Each acronym's full name as a pattern over space-joined tokens, allowing small words between. */
const EXPANSIONS = [...FIELD_ACRONYMS].map(
  ([acronym, words]) =>
    [acronym, new RegExp(` ${words.join('(?: \\S{1,4}){0,2} ')} `), words[0] ?? ''] as const,
);

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
  const tokens = ` ${tokenize(text).join(' ')} `;
  // Each full name starts with a whole word: test only the patterns whose first word the text has
  // (an import runs this for every event, and most names are absent from most texts).
  for (const [acronym, pattern, first] of EXPANSIONS)
    if (tokens.includes(` ${first} `) && pattern.test(tokens)) out.add(acronym);
  return [...out];
}
