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

/** One command worker: its own database connection, the same use-cases, answers by message. */
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
