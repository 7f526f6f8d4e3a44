import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config.js';
import { createContext } from '../context.js';
import { runAction, runEventCommand } from '../core/commands/index.js';
import { warmUpDateParsing } from '../core/search/date-phrases.js';
import type { WorkerRequest, WorkerResponse } from './command-runner.js';

/** One command worker: its own database connection, the same use-cases, answers by message. */
const context = createContext(workerData.config as Config);
warmUpDateParsing();

parentPort?.on('message', async (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    const result =
      request.kind === 'command'
        ? await runEventCommand(request.input, context.commands)
        : await runAction(request.action, context.commands, request.userId, request.asker);
    response = { id: request.id, result };
  } catch (error) {
    response = {
      id: request.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  parentPort?.postMessage(response);
});
