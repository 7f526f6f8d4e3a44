import { runCli } from './run.js';

/** The `event-bot` command: runs one CLI command with the process's arguments, streams and environment. */
process.exitCode = await runCli(process.argv.slice(2));
