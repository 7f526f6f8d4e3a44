import { randomBytes } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import { errorResponse, type ResponseMessage } from './responses.js';

/** A short random reference the user can quote and the operator can grep for: 6 hex characters. */
export function newErrorRef(): string {
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
