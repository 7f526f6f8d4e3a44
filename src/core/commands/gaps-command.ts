import { type GapsReport, gapsReport, missText } from '../gaps/gaps.js';
import { DEFAULT_WORKSPACE } from '../reminders/model.js';
import type { CommandDeps, CommandInput } from './deps.js';
import { notice } from './notice.js';
import type { CommandResult } from './reply.js';

/** What a non-editor is told, so they know whom to ask. */
export const EDITORS_ONLY =
  "The gaps report is for the archive's editors. Ask a workspace admin, or whoever runs the bot, to add you to EVENT_EDITORS.";

/** `/event gaps`: the keepers' report, for editors only (the door says who is one). */
export async function gapsCommand(input: CommandInput, deps: CommandDeps): Promise<CommandResult> {
  if (!input.editor) return notice('warning', EDITORS_ONLY);
  if (!deps.audit || !deps.misses)
    return notice('info', 'The gaps report is not available here: run `event-bot gaps` on the server.');
  const report: GapsReport = await gapsReport(
    {
      audit: deps.audit,
      index: deps.index,
      misses: deps.misses,
      missDays: deps.missDays ?? 30,
      nowMs: deps.clock.now().getTime(),
    },
    input.workspace ?? DEFAULT_WORKSPACE,
  );
  return { visibility: 'ephemeral', reply: { kind: 'gaps', report } };
}

/**
 * Keeps a search that found nothing in the miss log (query text only, with its workspace). A log that
 * cannot be written (the database busy with an import) never costs the user their answer.
 */
export async function recordMiss(input: CommandInput, deps: CommandDeps): Promise<void> {
  const query = missText(input.text);
  if (!deps.misses || !query) return;
  try {
    await deps.misses.record(input.workspace ?? DEFAULT_WORKSPACE, query, deps.clock.now().getTime());
  } catch {
    // Losing one line of a report is better than losing the answer; the next miss is logged as usual.
  }
}
