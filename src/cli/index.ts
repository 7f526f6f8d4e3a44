import { exitQuietlyOnClosedPipe } from './io.js';
import { runCli } from './run.js';

exitQuietlyOnClosedPipe();

/** The `event-bot` command: runs one CLI command with the process's arguments, streams and environment. */
process.exitCode = await runCli(process.argv.slice(2));
