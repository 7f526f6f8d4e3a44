import type { SearchColumn } from '../../core/ports/search.js';
import { tokenize } from '../../core/search/tokens.js';
import type { Db } from '../database.js';
import type { EventTextCodec } from '../event-text.js';
import type { Phrase } from './fts-expression.js';

const SHORT_COLUMNS: SearchColumn[] = ['title', 'themes', 'speakers', 'hosts', 'tags'];
const LONG_COLUMNS: SearchColumn[] = ['summary', 'body'];

/**
 * events_fts keeps which columns hold a word but not where (detail=column: 74 MB instead of 138 at
 * 100k events), so FTS5 refuses phrase queries on it. The scan matches a phrase's words anywhere, and
 * these conditions keep the rows where the words follow each other in one column: in a short field by
 * short_fts, which keeps positions, else in the event's long text itself, unpacked only for rows the
 * short fields did not settle. `rowid` names the scanned row's rowid in the query.
 */
export function phraseConditions(phrases: Phrase[], rowid: string): { sql: string; params: unknown[] } {
  let sql = '';
  const params: unknown[] = [];
  for (const phrase of phrases) {
    const columns = phrase.columns ?? [...SHORT_COLUMNS, ...LONG_COLUMNS];
    const short = columns.filter((c) => SHORT_COLUMNS.includes(c));
    const long = columns.filter((c) => LONG_COLUMNS.includes(c));
    const checks: string[] = [];
    if (short.length) {
      checks.push(`${rowid} IN (SELECT rowid FROM short_fts WHERE short_fts MATCH ?)`);
      params.push(`{${short.join(' ')}} : ${phrase.words.join(' + ')}`);
    }
    if (long.length) {
      checks.push(`event_text_has_phrase((SELECT text FROM events WHERE seq = ${rowid}), ?, ?)`);
      params.push(JSON.stringify(phrase.words.map((w) => w.slice(1, -1))), long.join(' '));
    }
    sql += checks.length ? ` AND (${checks.join(' OR ')})` : ' AND 0';
  }
  return { sql, params };
}

/**
 * Registers event_text_has_phrase(text, words, columns) on `db`: 1 when the words follow each other in
 * one of the long columns ('summary', 'body') of the event whose packed text is `text`, tokenized and
 * folded as search tokenizes (the full-text index's own unicode61 folding agrees on all but rare
 * letters). The body column holds the body, the theme summaries and the speakers' roles, as indexed.
 */
export function registerPhraseCheck(db: Db, texts: EventTextCodec): void {
  db.function('event_text_has_phrase', { deterministic: true }, (blob, words, columns) => {
    if (!(blob instanceof Uint8Array)) return 0;
    const phrase = (JSON.parse(String(words)) as string[]).flatMap((w) => tokenize(w));
    const text = texts.unpack(blob, false);
    for (const column of String(columns).split(' ')) {
      const value =
        column === 'summary' ? text.summary : [text.body, ...text.themeSummaries, ...text.roles].join(' \n ');
      if (follows(tokenize(value), phrase)) return 1;
    }
    return 0;
  });
}

function follows(tokens: string[], phrase: string[]): boolean {
  if (!phrase.length) return false;
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    let j = 0;
    while (j < phrase.length && tokens[i + j] === phrase[j]) j++;
    if (j === phrase.length) return true;
  }
  return false;
}
