import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { runEventCommand } from '../src/core/commands/index.js';
import { inputTooLarge } from '../src/core/input-limits.js';
import { warmUpDateParsing } from '../src/core/search/date-phrases.js';
import { BENCH_NOW, databaseFile } from './archive.js';
import { percentile } from './stats.js';

/**
 * Child process: the worst cases a user can type, each run as a command worker runs it (the whole
 * `/event` use-case on its own connection), to find the longest a request holds a worker. The inputs
 * are made from the archive's commonest words, within the input caps (what is over them never reaches
 * a worker). Prints one JSON object: per input, median and max CPU and wall milliseconds.
 */
const size = Number(process.argv[2]);
const rounds = Number(process.argv[3] ?? 3);
const config = loadConfig({ EVENT_DB: databaseFile(size), EVENT_TIMEZONE: 'UTC' });
const context = createContext(config, { clock: { now: () => new Date(BENCH_NOW) } });
warmUpDateParsing();

const common = (
  context.db
    .prepare(
      "SELECT term FROM vocab WHERE length(term) >= 4 AND term NOT GLOB '*[0-9]*' ORDER BY df DESC LIMIT 60",
    )
    .all() as { term: string }[]
).map((r) => r.term);
/** Words made up to be corrected: each of the commonest with two letters swapped. */
const typos = common.map((w) => `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}`);
/** Fills `max` characters with words from `words`, as long as the command caps allow. */
const fill = (words: string[], max: number) => {
  let out = '';
  for (let i = 0; ; i++) {
    const next = out ? `${out} ${words[i % words.length]}` : words[i % words.length];
    if (next.length > max) return out;
    out = next;
  }
};

/** The words every summary is full of, stop words among them. */
const ENGLISH =
  'the role of the united nations in the peace and security of the world and the future of the people in the region'.split(
    ' ',
  );

const INPUTS: Record<string, string> = {
  'long quoted phrase of common words': `"${fill(common, 480)}"`,
  '500 characters of common words': fill(common, 500),
  'common words, one after another': fill(common.slice(0, 12), 500),
  'twelve corrected typos': typos.slice(0, 12).join(' '),
  '500 characters of typos': fill(typos, 500),
  'prefixes of common words': common
    .map((w) => w.slice(0, 4))
    .join(' ')
    .slice(0, 500),
  'several phrases': Array.from(
    { length: 8 },
    (_, i) => `"${common.slice(i * 4, i * 4 + 4).join(' ')}"`,
  ).join(' '),
  'filters of common words': `speaker:"${common.slice(0, 6).join(' ')}" host:"${common.slice(6, 12).join(' ')}" theme:"${common.slice(12, 18).join(' ')}" ${fill(common.slice(18), 250)}`,
  'a question of common words': `how many events were there about ${fill(common, 460)}`,
  'speaker of common words': `speaker ${fill(common, 480)}`,
  'theme of common words': `theme ${fill(common, 480)}`,
  'host of common words': `host ${fill(common, 480)}`,
  'upcoming with common words': `upcoming ${fill(common, 480)}`,
  'long quoted phrase of everyday English': `"${fill(ENGLISH, 480)}"`,
  '500 characters of everyday English': fill(ENGLISH, 500),
  'one common word': common[0],
  'two common words': `${common[0]} ${common[1]}`,
};

/** One input's figures, in milliseconds. */
export interface Hold {
  chars: number;
  refused: boolean;
  cpuP50: number;
  cpuMax: number;
  wallP50: number;
  wallMax: number;
}

const results: Record<string, Hold> = {};
for (const [name, text] of Object.entries(INPUTS).filter(
  ([n]) => !process.env.HOLD_ONLY || n.includes(process.env.HOLD_ONLY),
)) {
  const refused = inputTooLarge(text) !== undefined;
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < rounds && !refused; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await runEventCommand({ text, userId: 'U_BENCH', channelId: 'C_BENCH' }, context.commands);
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  results[name] = {
    chars: text.length,
    refused,
    cpuP50: percentile(cpu, 50),
    cpuMax: Math.max(0, ...cpu),
    wallP50: percentile(wall, 50),
    wallMax: Math.max(0, ...wall),
  };
}
context.close();
process.stdout.write(JSON.stringify(results));
