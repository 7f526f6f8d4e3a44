import type { TextClause } from '../../core/ports/search.js';

/** Words reach FTS5 only as quoted strings of letters and digits, so no query syntax can be injected. */
export const quoteWord = (word: string) => `"${word.replace(/[^\p{L}\p{N}]/gu, '')}"`;

/**
 * Builds an FTS5 MATCH expression from clauses: clauses and groups are ANDed, a group's words ORed,
 * a phrase's words must follow each other (or, with `phrasesAsWords`, for an index that keeps no word
 * positions, merely all appear: the caller checks the order). Every user word is quoted, never spliced
 * raw; words left empty after quoting (punctuation only) are dropped, and so are clauses left with
 * nothing to match.
 */
export function toFtsExpression(clauses: TextClause[], phrasesAsWords = false): string {
  const parts: string[] = [];
  for (const clause of clauses) {
    const terms: string[] = [];
    for (const group of clause.groups) {
      const words = group.map(quoteWord).filter((w) => w !== '""');
      if (words.length === 1) terms.push(words[0]);
      else if (words.length > 1) terms.push(`(${words.join(' OR ')})`);
    }
    for (const phrase of clause.phrases ?? []) {
      const words = phrase.map(quoteWord).filter((w) => w !== '""');
      if (words.length === 1) terms.push(words[0]);
      else if (words.length) terms.push(phrasesAsWords ? `(${words.join(' AND ')})` : words.join(' + '));
    }
    if (!terms.length) continue;
    const body = terms.join(' AND ');
    parts.push(clause.columns?.length ? `{${clause.columns.join(' ')}} : (${body})` : `(${body})`);
  }
  return parts.join(' AND ');
}

/** A phrase of two words or more, as FTS5 matches it (quoted words), with the columns its clause names. */
export interface Phrase {
  words: string[];
  columns?: TextClause['columns'];
}

/** The phrases of several words in `clauses`: what an index without word positions cannot check itself. */
export function phrasesOf(clauses: TextClause[]): Phrase[] {
  const out: Phrase[] = [];
  for (const clause of clauses) {
    for (const phrase of clause.phrases ?? []) {
      const words = phrase.map(quoteWord).filter((w) => w !== '""');
      if (words.length > 1)
        out.push({ words, ...(clause.columns?.length ? { columns: clause.columns } : {}) });
    }
  }
  return out;
}
