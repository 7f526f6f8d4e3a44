import type { AppContext } from '../context.js';
import { gapsReport } from '../core/gaps/gaps.js';
import { gapsSections } from '../core/gaps/gaps-text.js';
import type { CliIo } from './io.js';

/**
 * `event-bot gaps [--json]`: the keepers' report for the operator, over every workspace's missed
 * searches (each row names its workspace), as text or JSON.
 */
export async function runGaps(context: AppContext, io: CliIo, json: boolean): Promise<number> {
  const { commands } = context;
  if (!commands.misses || !commands.audit) {
    io.err('event-bot gaps: this context has no search-miss log');
    return 1;
  }
  const report = await gapsReport(
    {
      audit: commands.audit,
      index: commands.index,
      misses: commands.misses,
      missDays: context.config.searchMissDays,
      nowMs: context.clock.now().getTime(),
    },
    undefined,
  );
  if (json) {
    io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  for (const [i, part] of gapsSections(report).entries()) {
    if (i) io.out('');
    io.out(part.title);
    for (const line of part.lines) io.out(`  ${line}`);
  }
  return 0;
}
