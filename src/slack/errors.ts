import { randomBytes } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import { errorResponse, type ResponseMessage } from './responses.js';

/** A short random reference the user can quote and the operator can grep for: 6 hex characters. */
function newErrorRef(): string {
  return randomBytes(3).toString('hex');
}

/**
 * Where a failure is reported: the listener's respond() (or, where there is no response_url, whatever
 * posts into the conversation), its logger, and what to log about the request.
 */
export interface ErrorScope {
  respond: (message: ResponseMessage) => Promise<unknown>;
  logger: Logger;
  /** Safe facts only (surface, user id, action id, text length): never the text, never tokens. */
  context: Record<string, string | number | undefined>;
}

/**
 * Runs a listener's work after it has acked. Any failure is logged with a ref and the context, and the
 * user gets an ephemeral "Something went wrong (ref …)" instead of silence; the error goes no further,
 * so one bad request never stops the app. If even that notice cannot be posted (an expired
 * response_url), the failure is logged under the same ref.
 */
export async function answerOrApologise(
  scope: ErrorScope,
  work: () => Promise<void>,
  makeRef: () => string = newErrorRef,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const ref = makeRef();
    scope.logger.error(`ref=${ref} ${describe(scope.context)} failed:`, error);
    try {
      await scope.respond(errorResponse(ref));
    } catch (respondError) {
      scope.logger.error(`ref=${ref} could not tell the user either:`, respondError);
    }
  }
}

function describe(context: ErrorScope['context']): string {
  return Object.entries(context)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** The process events {@link guardProcess} listens to; `process` itself in production. */
export interface ProcessEvents {
  on(event: 'unhandledRejection' | 'uncaughtException', listener: (error: unknown) => void): unknown;
}

/**
 * The last line of defence while serving: an error that escaped every handler (a library's callback, a
 * forgotten promise) is logged with a ref and the process keeps serving, instead of one bad request
 * taking reminders and digests down with it. Requests have their own handlers; this should never fire.
 */
export function guardProcess(logger: Pick<Logger, 'error'>, proc: ProcessEvents = process): void {
  proc.on('unhandledRejection', (error) => {
    logger.error(`ref=${newErrorRef()} unhandled rejection; still serving:`, error);
  });
  proc.on('uncaughtException', (error) => {
    logger.error(`ref=${newErrorRef()} uncaught exception; still serving:`, error);
  });
}
