import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig, processEnvironment } from '../config.js';
import { type AppContext, createContext } from '../context.js';
import { type Clock, systemClock } from '../core/time.js';
import { isBusyError, setBusyTimeout } from '../storage/database.js';
import { type CliIo, processIo } from './io.js';

// Each command's module is loaded when it runs: `search` never loads the archive loaders that `import`
// needs, nor `export` its CSV and iCalendar writers, so a fresh process answers sooner.
const ask = () => import('./ask-command.js');
const doctor = () => import('./doctor-command.js');
const exporter = () => import('./export-command.js');
const gaps = () => import('./gaps-command.js');
const importer = () => import('./import-command.js');
const search = () => import('./search-command.js');
const stats = () => import('./stats-command.js');

type OptionSpec = { type: 'boolean' | 'string'; short?: string; help: string; value?: string };
type Values = Record<string, string | boolean | undefined>;

/** One CLI command: its help, its own options, and what it runs with a context or a bare config. */
interface CliCommand {
  args: string;
  summary: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  run:
    | {
        needs: 'context';
        fn: (
          context: AppContext,
          positionals: string[],
          values: Values,
          io: CliIo,
        ) => number | Promise<number>;
      }
    | {
        needs: 'config';
        fn: (
          config: Config,
          clock: Clock,
          positionals: string[],
          values: Values,
          io: CliIo,
        ) => number | Promise<number>;
      };
}

const STRICT_OPTION: OptionSpec = {
  type: 'boolean',
  help: 'refuse a calendar with any broken part (by default its good events import)',
};
const JSON_OPTION = { type: 'boolean', help: 'print JSON for scripts instead of text' } as const;

/** Every command, in the order `event-bot help` lists them. */
export const CLI_COMMANDS: Record<string, CliCommand> = {
  import: {
    args: '[files or folders…]',
    summary: 'load archive files into the database (default: EVENT_ARCHIVE)',
    options: {
      force: { type: 'boolean', help: 're-parse files even when their bytes are unchanged' },
      strict: STRICT_OPTION,
      partial: {
        type: 'boolean',
        help: 'import the valid records of a file with bad ones; each bad one is reported, exit 1',
      },
    },
    examples: [
      'event-bot import data more/events.jsonl',
      'event-bot import --force data',
      'event-bot import --strict calendar.ics',
      'event-bot import --partial export.csv',
    ],
    run: {
      needs: 'context',
      fn: async (c, p, v, io) =>
        (await importer()).runImport(c, p, io, {
          force: Boolean(v.force),
          strict: Boolean(v.strict),
          partial: Boolean(v.partial),
        }),
    },
  },
  check: {
    args: '[files or folders…]',
    summary: 'validate archive files without writing anything',
    options: {
      strict: STRICT_OPTION,
      map: {
        type: 'boolean',
        help: 'show what each field of the first records became through its field map',
      },
    },
    examples: [
      'event-bot check calendar.ics',
      'event-bot check --strict calendar.ics',
      'event-bot check --map wordpress-events.csv',
    ],
    run: {
      needs: 'config',
      fn: async (config, clock, p, v, io) =>
        (await importer()).runCheck(config, clock, p, io, { strict: Boolean(v.strict), map: Boolean(v.map) }),
    },
  },
  doctor: {
    args: '',
    summary: 'check the search index against the stored events and repair what disagrees',
    options: {
      'dry-run': { type: 'boolean', help: 'only report; exit 1 when something needs repairing' },
      full: { type: 'boolean', help: 'rebuild both full-text indexes from the events even when they agree' },
    },
    examples: ['event-bot doctor', 'event-bot doctor --dry-run', 'event-bot doctor --full'],
    run: {
      needs: 'context',
      fn: async (c, _p, v, io) =>
        (await doctor()).runDoctor(c, io, { dryRun: Boolean(v['dry-run']), full: Boolean(v.full) }),
    },
  },
  export: {
    args: '["<query>"]',
    summary:
      "a query's results, or the whole archive, as JSON Lines, CSV or iCalendar that import reads back",
    options: {
      format: { type: 'string', value: 'F', help: 'jsonl (default), csv or ics' },
      out: { type: 'string', value: 'FILE', help: 'write to FILE instead of standard output' },
      source: { type: 'string', value: 'slack', help: 'only the events added in Slack (to commit to git)' },
    },
    examples: [
      'event-bot export --format csv "peacekeeping" > peacekeeping.csv',
      'event-bot export --format ics --out archive.ics',
      'event-bot export --source slack > added-in-slack.jsonl',
    ],
    run: {
      needs: 'context',
      fn: async (c, p, v, io) =>
        (await exporter()).runExport(c, p, io, {
          format: typeof v.format === 'string' ? v.format : undefined,
          out: typeof v.out === 'string' ? v.out : undefined,
          source: typeof v.source === 'string' ? v.source : undefined,
        }),
    },
  },
  stats: {
    args: '',
    summary: 'counts, date range, types and files in the database',
    options: {},
    examples: ['event-bot stats'],
    run: { needs: 'context', fn: async (c, _p, _v, io) => (await stats()).runStats(c, io) },
  },
  search: {
    args: '"<query>"',
    summary: 'ranked results with scores and matched fields',
    options: {
      json: { ...JSON_OPTION, help: 'one JSON object per result: id, title, start, score, matched' },
      limit: { type: 'string', value: 'N', help: 'how many results, 1 to 500 (default 10)' },
    },
    examples: ['event-bot search "peacekeepng finland" --json --limit 5'],
    run: {
      needs: 'context',
      fn: async (c, p, v, io) =>
        (await search()).runSearch(
          c,
          p,
          io,
          Boolean(v.json),
          typeof v.limit === 'string' ? v.limit : undefined,
        ),
    },
  },
  gaps: {
    args: '',
    summary:
      'for the keepers: searches that found nothing, records missing fields, likely duplicates, look-alike themes',
    options: { json: { ...JSON_OPTION, help: 'the whole report as one JSON object' } },
    examples: ['event-bot gaps', 'event-bot gaps --json'],
    run: { needs: 'context', fn: async (c, _p, v, io) => (await gaps()).runGaps(c, io, Boolean(v.json)) },
  },
  ask: {
    args: '"/event <text>"',
    summary: 'the answer as the console shows it',
    options: {
      json: { ...JSON_OPTION, help: 'the Slack respond() payload: { response_type, text, blocks }' },
    },
    examples: ['event-bot ask "/event peacekeeping"', 'event-bot ask --json "/event upcoming"'],
    run: { needs: 'context', fn: async (c, p, v, io) => (await ask()).runAsk(c, p, io, Boolean(v.json)) },
  },
};

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

/** The overview `event-bot help` prints. */
export function usage(): string {
  const rows = Object.entries(CLI_COMMANDS).map(([name, c]) => {
    const flags = Object.entries(c.options).map(
      ([o, spec]) => `[--${o}${spec.value ? ` ${spec.value}` : ''}]`,
    );
    return `  ${[name, c.args, ...flags].filter(Boolean).join(' ').padEnd(44)} ${c.summary}`;
  });
  return [
    'Usage: event-bot <command> [options]',
    '',
    'Commands:',
    ...rows,
    `  ${'help [command]'.padEnd(44)} this overview, or one command's options and examples`,
    '',
    'Files: .json .jsonl .md .csv .ics .txt (scraped event pages). Problems are printed as file:line: field: message.',
    'Configuration comes from the environment and .env (see the README). `event-bot <command> --help` for more.',
  ].join('\n');
}

/** One command's help: usage line, options, examples. */
function commandHelp(name: string): string {
  const c = CLI_COMMANDS[name];
  const options = Object.entries({ ...c.options, help: HELP_OPTION }).map(([option, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${option}${spec.value ? ` ${spec.value}` : ''}`;
    return `  ${flag.padEnd(22)} ${spec.help}`;
  });
  return [
    `Usage: event-bot ${name}${c.options && Object.keys(c.options).length ? ' [options]' : ''}${c.args ? ` ${c.args}` : ''}`,
    '',
    `${c.summary[0].toUpperCase()}${c.summary.slice(1)}.`,
    '',
    'Options:',
    ...options,
    '',
    'Examples:',
    ...c.examples.map((e) => `  ${e}`),
  ].join('\n');
}

/** Runs one CLI command and returns its exit code; in-process so tests can call it. */
export async function runCli(
  argv: string[],
  io: CliIo = processIo,
  env?: Record<string, string | undefined>,
  clock: Clock = systemClock,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    io.err(usage());
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') return help(rest[0], io);
  const command = Object.hasOwn(CLI_COMMANDS, name) ? CLI_COMMANDS[name] : undefined;
  if (!command) {
    io.err(
      `event-bot: unknown command "${name}"; the commands are ${Object.keys(CLI_COMMANDS).join(', ')} (event-bot help)`,
    );
    return 2;
  }
  let parsed: { values: Values; positionals: string[] };
  try {
    const options = Object.fromEntries(
      Object.entries({ ...command.options, help: HELP_OPTION }).map(([k, s]) => [
        k,
        s.short ? { type: s.type, short: s.short } : { type: s.type },
      ]),
    );
    parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options }) as typeof parsed;
  } catch (error) {
    io.err(`event-bot ${name}: ${optionProblem(error)}; see event-bot help ${name}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(commandHelp(name));
    return 0;
  }
  try {
    const config = loadConfig(env ?? processEnvironment());
    if (command.run.needs === 'config')
      return await command.run.fn(config, clock, parsed.positionals, parsed.values, io);
    const context = createContext(config, { clock });
    // A second import (or a repair) waits for the one writing (one IMMEDIATE transaction) instead of failing.
    if (name === 'import' || name === 'doctor') setBusyTimeout(context.db, IMPORT_QUEUE_MS);
    try {
      // Awaited here, so an asynchronous command (gaps on PostgreSQL, a feed fetch) finishes before the context closes.
      return await command.run.fn(context, parsed.positionals, parsed.values, io);
    } finally {
      context.close();
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    if (isBusyError(error)) {
      io.err(
        `event-bot ${name}: the database stayed busy for 10 minutes: another import is writing to it. Files imported before this one are kept; run the same command again when it finishes (unchanged files are skipped).`,
      );
      return 1;
    }
    throw error;
  }
}

/** How long an import waits for another one to finish writing before it gives up. */
const IMPORT_QUEUE_MS = 10 * 60_000;

function help(topic: string | undefined, io: CliIo): number {
  if (topic === undefined) {
    io.out(usage());
    return 0;
  }
  if (!Object.hasOwn(CLI_COMMANDS, topic)) {
    io.err(`event-bot help: no command "${topic}"; the commands are ${Object.keys(CLI_COMMANDS).join(', ')}`);
    return 2;
  }
  io.out(commandHelp(topic));
  return 0;
}

/** parseArgs' message in one line: `unknown option --frce`, `--limit needs a value`. */
function optionProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? message}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return option ? `${option.split(/[ =]/)[0]} needs a value` : message.split('\n')[0];
  }
  return message.split('\n')[0];
}
