import type { CommandDeps } from './deps.js';
import type { Reply } from './reply.js';

/**
 * Help with examples that work on this archive: a real theme, a real speaker, a real title word,
 * so the first thing a newcomer tries finds something.
 */
export function helpReply(deps: CommandDeps, problem?: string): Reply {
  const theme = deps.index.themeCounts(1).themes[0]?.title;
  // The latest event that has happened and is not one of the shipped samples: a real example.
  const latest = latestRealEvent(deps);
  const speaker = latest?.speakers[0]?.name ?? latest?.hosts[0];
  const titleWords = latest?.title
    .split(/[^\p{L}\p{N}-]+/u)
    .filter((w) => w.length > 4)
    .slice(0, 2)
    .join(' ')
    .toLowerCase();
  const examples = [
    {
      command: `/event ${titleWords || 'peacekeeping'}`,
      description: 'search titles, themes, people and summaries (typos are fine)',
    },
    {
      command: '/event upcoming',
      description: 'what is coming up; also `upcoming next week`, `upcoming in october`',
    },
    { command: '/event themes', description: 'every key theme, with how many events discussed it' },
    {
      command: `/event theme ${theme?.toLowerCase() ?? 'resourcing'}`,
      description: 'events that dealt with a theme',
    },
    {
      command: `/event speaker ${speaker?.split(' ').at(-1)?.toLowerCase() ?? 'kaljulaid'}`,
      description: 'events with a speaker or host',
    },
    {
      command: '/event women peace security 2019',
      description: 'add a year, a month or `last month` to narrow by date',
    },
    {
      command: '/event type:"Panel Discussion" after:2014',
      description: 'filters: type: speaker: host: theme: before: after:',
    },
    { command: '/event share <words>', description: 'post the best match into this conversation' },
  ];
  return { kind: 'help', examples, problem };
}

function latestRealEvent(deps: CommandDeps) {
  const toMs = deps.clock.now().getTime();
  let first: ReturnType<CommandDeps['index']['events']>[number] | undefined;
  for (let offset = 0; offset < 400; offset += 50) {
    const page = deps.index.events(deps.index.browse({ toMs }, 'desc', 50, offset));
    first ??= page[0];
    const real = page.find((e) => !e.tags.some((t) => t.toLowerCase() === 'sample'));
    if (real || page.length < 50) return real ?? first;
  }
  return first;
}
