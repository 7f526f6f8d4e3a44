import { clean } from '../console/terminal-text.js';
import type { AppContext } from '../context.js';
import { parseQuery } from '../core/search/query-parser.js';
import { searchEvents } from '../core/search/search-events.js';
import type { CliIo } from './io.js';

/**
 * `event-bot search "<query>" [--json] [--limit N]`: ranked results for operators. With --json, one
 * object per line (id, title, start, score, matched fields), for scripts and relevance checks.
 */
export function runSearch(
  context: AppContext,
  words: string[],
  io: CliIo,
  json: boolean,
  limitText?: string,
): number {
  const limit = limitText === undefined ? 10 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    io.err('--limit takes a whole number from 1 to 500');
    return 2;
  }
  const now = context.clock.now();
  const query = parseQuery(words.join(' '), now, context.config.timezone);
  for (const problem of query.problems) io.err(problem);
  const result = searchEvents(query, context.commands.index, { limit, nowMs: now.getTime() });
  if (json) {
    for (const hit of result.hits) {
      io.out(
        jsonForTerminal({
          id: hit.event.id,
          title: hit.event.title,
          start: hit.event.start,
          score: Number(hit.score.toFixed(4)),
          matched: hit.matched,
        }),
      );
    }
    return 0;
  }
  // Archive text and typed words reach a terminal: escape codes and other control characters go.
  for (const c of result.corrections) io.err(clean(`read "${c.typed}" as "${c.read}"`));
  if (result.unknown.length) io.err(clean(`no event mentions: ${result.unknown.join(', ')}`));
  if (!result.hits.length) {
    io.out('No matching events.');
    if (result.suggestions.length) io.out(clean(`Did you mean: ${result.suggestions.join(' · ')}`));
    return 0;
  }
  result.hits.forEach((hit, i) => {
    io.out(
      clean(
        `${String(i + 1).padStart(2)}. ${hit.score.toFixed(3)}  ${hit.event.start.slice(0, 10)}  ${hit.event.title}  [${hit.matched.join(', ')}]`,
      ),
    );
    io.out(clean(`    ${hit.event.id}`));
  });
  return 0;
}

/**
 * JSON.stringify escapes C0 controls but prints DEL, C1 controls (`\u009b` is a CSI to 8-bit terminals)
 * and bidirectional overrides as they are: those become `\uXXXX` escapes too, still valid JSON.
 */
function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
