import { tokenize } from '../search/tokens.js';
import type { CommandDeps, CommandInput } from './deps.js';
import { MORE_MATCHES } from './deps.js';
import type { CommandResult } from './reply.js';
import { searchReply } from './search-command.js';

/** Open one event's card by id (the Open buttons and numbered console choices). */
export function openCommand(id: string, deps: CommandDeps): CommandResult {
  const event = deps.index.events([id.trim()])[0];
  if (!event) return gone(id);
  return { visibility: 'ephemeral', reply: { kind: 'event', event, matched: [], more: [] } };
}

/** "More like this": events sharing the most distinctive words of this one's title and themes. */
export function moreLikeCommand(id: string, deps: CommandDeps): CommandResult {
  const event = deps.index.events([id.trim()])[0];
  if (!event) return gone(id);
  const words = [
    ...new Set(tokenize([event.title, ...event.themes.map((t) => t.title), ...event.tags].join(' '))),
  ]
    .filter((w) => w.length > 3)
    .map((w) => ({ w, df: deps.index.termFrequency(w) }))
    .filter((x) => x.df > 1)
    .sort((a, b) => a.df - b.df)
    .slice(0, 3)
    .map((x) => x.w);
  const hits = [] as { event: typeof event; score: number; matched: string[] }[];
  for (const subset of [words, words.slice(0, 2), words.slice(0, 1)]) {
    if (!subset.length) continue;
    const reply = searchReply({ text: subset.join(' ') }, deps);
    const found =
      reply.kind === 'event' ? [{ event: reply.event, score: 1, matched: reply.matched }, ...reply.more] : [];
    for (const hit of found)
      if (hit.event.id !== event.id && !hits.some((h) => h.event.id === hit.event.id)) hits.push(hit);
    if (hits.length >= MORE_MATCHES + 4) break;
  }
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'list',
      heading: `More like "${event.title}"`,
      items: hits.slice(0, 8),
      empty: 'No similar events found.',
    },
  };
}

/** `/event share <query>`: posts the best match when it is clearly best, otherwise offers a picker. */
export function shareCommand(input: CommandInput, deps: CommandDeps): CommandResult {
  if (!input.text.trim()) {
    return {
      visibility: 'ephemeral',
      reply: {
        kind: 'notice',
        tone: 'warning',
        text: 'Tell me what to share: `/event share peacekeeping finland`.',
      },
    };
  }
  const reply = searchReply(input, deps, 'share ');
  if (reply.kind !== 'event') return { visibility: 'ephemeral', reply };
  const best = reply.event;
  const runnerUp = reply.more[0];
  const bestScore = scoreOf(reply);
  const clear = !runnerUp || bestScore - runnerUp.score >= 0.15;
  if (clear)
    return {
      visibility: 'in_channel',
      reply: { kind: 'event', event: best, matched: [], more: [], sharedBy: input.userId },
    };
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'list',
      heading: `Several events match "${input.text.trim().slice(0, 80)}": which one should I share?`,
      items: [{ event: best, score: bestScore, matched: reply.matched }, ...reply.more],
      empty: '',
      pick: 'share',
    },
  };
}

/** Share one event by id into the conversation (the Share button and the picker). */
export function shareByIdCommand(id: string, userId: string | undefined, deps: CommandDeps): CommandResult {
  const event = deps.index.events([id.trim()])[0];
  if (!event) return gone(id);
  return {
    visibility: 'in_channel',
    reply: { kind: 'event', event, matched: [], more: [], sharedBy: userId },
  };
}

function scoreOf(reply: Extract<CommandResult['reply'], { kind: 'event' }>): number {
  return reply.score ?? 1;
}

function gone(id: string): CommandResult {
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'notice',
      tone: 'warning',
      text: `That event (${id.slice(0, 80)}) is no longer in the archive; it may have been removed by a re-import.`,
    },
  };
}
