import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, processEnvironment } from '../config.js';
import { createContext } from '../context.js';
import { type Clock, systemClock } from '../core/time.js';
import { runAsk } from './ask-command.js';
import { runCheck, runImport } from './import-command.js';
import { type CliIo, processIo } from './io.js';
import { runSearch } from './search-command.js';
import { runStats } from './stats-command.js';

const USAGE = `Usage: event-bot <command> [options]

Commands:
  import [files or folders…] [--force] [--strict]
                                         load archive files into the database (default: EVENT_ARCHIVE);
                                         --strict refuses a calendar with any broken part
  check [files or folders…] [--strict]   validate archive files without writing anything
  stats                                  counts, date range and types in the database
  search "<query>" [--json] [--limit N]  ranked results; --json prints one object per result
  ask "/event <text>" [--json]           the answer as the console shows it; --json prints the
                                         Slack respond() payload: { response_type, text, blocks }

Files: .json .jsonl .md .csv .ics .txt (scraped event pages). Problems are printed as file:line: field: message.`;

/** Runs one CLI command and returns its exit code; in-process so tests can call it. */
export async function runCli(
  argv: string[],
  io: CliIo = processIo,
  env?: Record<string, string | undefined>,
  clock: Clock = systemClock,
): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        force: { type: 'boolean' },
        strict: { type: 'boolean' },
        json: { type: 'boolean' },
        limit: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const config = loadConfig(env ?? processEnvironment());
    const strict = Boolean(args.values.strict);
    if (command === 'check') return runCheck(config, clock, args.positionals, io, strict);
    if (!['import', 'stats', 'search', 'ask'].includes(command)) {
      io.err(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
    }
    const context = createContext(config, { clock });
    try {
      if (command === 'import') {
        return runImport(context, args.positionals, io, { force: Boolean(args.values.force), strict });
      }
      if (command === 'search') {
        const limit = typeof args.values.limit === 'string' ? args.values.limit : undefined;
        return runSearch(context, args.positionals, io, Boolean(args.values.json), limit);
      }
      if (command === 'ask') return runAsk(context, args.positionals, io, Boolean(args.values.json));
      return runStats(context, io);
    } finally {
      context.close();
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}
