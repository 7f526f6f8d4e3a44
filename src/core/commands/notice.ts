import type { CommandResult } from './reply.js';

/** The one way a use-case says something short: a confirmation, or what to type instead. Only the asker sees it. */
export function notice(tone: 'info' | 'warning' | 'error', text: string): CommandResult {
  return { visibility: 'ephemeral', reply: { kind: 'notice', tone, text } };
}

/** For a button whose event a re-import removed. */
export function goneNotice(id: string): CommandResult {
  return notice(
    'warning',
    `That event (${id.slice(0, 80)}) is no longer in the archive; it may have been removed by a re-import.`,
  );
}
