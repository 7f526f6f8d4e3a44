import type { ModalView } from '@slack/types';
import { MAX_SHARE_NOTE } from '../../core/commands/event-commands.js';
import { SlackIds } from '../ids.js';
import { plain } from './blocks.js';

/** What the note modal remembers between the click and the submission. */
export interface ShareNoteState {
  eventId: string;
  /** The preview's response_url: the share is posted through it, and the preview removed. */
  responseUrl: string;
  channelName?: string;
}

/** The input the note is typed into. */
export const SHARE_NOTE_ACTION = 'share_note_text';

/** "Add a note": one text input; on submit the share is posted with it. */
export function shareNoteView(state: ShareNoteState): ModalView {
  return {
    type: 'modal',
    callback_id: SlackIds.views.shareNote,
    private_metadata: JSON.stringify({ e: state.eventId, r: state.responseUrl, c: state.channelName ?? '' }),
    title: plain('Add a note', 24),
    submit: plain(state.channelName ? `Post to #${state.channelName}`.slice(0, 24) : 'Post', 24),
    close: plain('Back', 24),
    blocks: [
      {
        type: 'input',
        block_id: SlackIds.blocks.shareNote,
        label: plain('Your note, shown above the event', 150),
        element: {
          type: 'plain_text_input',
          action_id: SHARE_NOTE_ACTION,
          multiline: true,
          max_length: MAX_SHARE_NOTE,
          placeholder: plain('Why it matters to this channel', 150),
        },
      },
    ],
  };
}

/** The state back from a submitted note modal, or undefined when the metadata is not ours. */
export function readShareNoteState(raw: string | undefined): ShareNoteState | undefined {
  try {
    const parsed = JSON.parse(raw ?? '') as { e?: unknown; r?: unknown; c?: unknown };
    if (typeof parsed.e !== 'string' || typeof parsed.r !== 'string' || !/^https?:\/\//.test(parsed.r))
      return undefined;
    return {
      eventId: parsed.e,
      responseUrl: parsed.r,
      channelName: typeof parsed.c === 'string' && parsed.c ? parsed.c : undefined,
    };
  } catch {
    return undefined;
  }
}
