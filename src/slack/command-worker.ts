import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config.js';
import { createContext } from '../context.js';
import { runAction, runEventCommand } from '../core/commands/index.js';
import { mergedThemes } from '../core/commands/lookup-command.js';
import { notice } from '../core/commands/notice.js';
import { warmUpDateParsing } from '../core/search/date-phrases.js';
import { isBusyError, setBusyTimeout } from '../storage/database.js';
import {
  BUSY_NOTICE,
  WORKER_BUSY_TIMEOUT_MS,
  type WorkerRequest,
  type WorkerResponse,
} from './command-runner.js';
import { renderResult } from './rendered.js';

/**
 * How far below the thread that acks a command worker runs (a nice value, Linux). Searches share the
 * cores with that thread: at the same priority a burst's searches took half of them while 200 acks
 * waited. 5 leaves the workers a third of a core each against a busy thread of normal priority, so
 * answers slow down on a loaded host but never stop; 10 and more starved them there.
 */
const WORKER_NICENESS = 5;

/** Lowers this thread's priority (Linux: a thread's nice value is its own); elsewhere nothing changes. */
function lowerThisThreadsPriority(niceness: number): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid)) setPriority(tid, niceness);
  } catch {
    // No /proc (macOS, Windows) or not allowed: the worker runs at the process's priority.
  }
}

/** One command worker: its own database connection, the same use-cases, answers by message. */
lowerThisThreadsPriority(WORKER_NICENESS);
const context = createContext(workerData.config as Config);
setBusyTimeout(context.db, WORKER_BUSY_TIMEOUT_MS);
warmUpDateParsing();
// Before the first request, so no one's `/event themes` waits for the archive's themes to be merged.
mergedThemes(context.commands);

parentPort?.on('message', async (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    const result =
      request.kind === 'command'
        ? await runEventCommand(request.input, context.commands)
        : await runAction(request.action, context.commands, request.userId, request.asker);
    // Rendered here, beside the use-case, rather than on the thread that acks Slack's requests.
    response = { id: request.id, result, rendered: renderResult(result) };
  } catch (error) {
    response = isBusyError(error)
      ? { id: request.id, result: notice('warning', BUSY_NOTICE) }
      : {
          id: request.id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        };
  }
  parentPort?.postMessage(response);
});
