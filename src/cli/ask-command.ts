import { renderForConsole } from '../console/render.js';
import type { AppContext } from '../context.js';
import { runEventCommand } from '../core/commands/index.js';
import { commandResponse } from '../slack/responses.js';
import type { CliIo } from './io.js';

const EVENT_PREFIX = /^\/event(?:\s+|$)/i;

/**
 * `event-bot ask "/event <text>" [--json]`: what the bot would answer, from the database as imported.
 * Plain, it prints the console rendering; with --json, the exact body Bolt's respond() would POST to
 * the slash command's response_url (`response_type`, `text`, `blocks`), for checking Slack output
 * without a workspace (paste the blocks into Block Kit Builder).
 */
export async function runAsk(
  context: AppContext,
  words: string[],
  io: CliIo,
  json: boolean,
): Promise<number> {
  const text = words.join(' ').trim().replace(EVENT_PREFIX, '');
  const result = await runEventCommand({ text }, context.commands);
  if (json) {
    io.out(JSON.stringify(commandResponse(result), null, 2));
    return 0;
  }
  if (result.visibility === 'in_channel') io.out('(would be posted to the channel)');
  io.out(renderForConsole(result.reply, { zone: context.config.timezone }).text);
  return 0;
}
