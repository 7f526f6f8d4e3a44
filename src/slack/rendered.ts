import type { CommandResult, Reply } from '../core/commands/reply.js';
import { renderReply, type SlackMessage } from './views/index.js';

/** A result's replies as Slack messages, rendered where the result was made (a command worker). */
export interface RenderedResult {
  reply: SlackMessage;
  announce?: SlackMessage;
}

/** Renderings that came with a reply from a command worker, by reply object. */
const renderings = new WeakMap<Reply, SlackMessage>();

/**
 * Renders a result's replies: a command worker does this beside the use-case, so the thread that acks
 * Slack's requests receives Block Kit ready to post instead of building it for every answer.
 */
export function renderResult(result: CommandResult): RenderedResult {
  return {
    reply: renderReply(result.reply),
    ...(result.announce ? { announce: renderReply(result.announce) } : {}),
  };
}

/** Keeps the renderings a worker sent with `result`, for {@link rendering} to hand out. */
export function keepRendering(result: CommandResult, rendered: RenderedResult): void {
  renderings.set(result.reply, rendered.reply);
  if (result.announce && rendered.announce) renderings.set(result.announce, rendered.announce);
}

/** `reply` as a Slack message: the rendering its worker sent, else rendered here. Never mutate it. */
export function rendering(reply: Reply): SlackMessage {
  return renderings.get(reply) ?? renderReply(reply);
}
