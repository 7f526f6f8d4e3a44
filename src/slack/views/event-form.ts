import type { InputBlock, ModalView } from '@slack/types';
import { EVENT_FORM_FIELDS, type EventForm, type EventFormField } from '../../core/added/event-form.js';
import { SlackIds } from '../ids.js';
import { plain, section } from './blocks.js';
import { escapeTruncate, oneLine } from './mrkdwn.js';

const ids = SlackIds.eventFields;

/** Each field's label, hint and size; the block id and action id of each input are `ids[field]`. */
const FIELDS: Record<
  EventFormField,
  { label: string; hint: string; max: number; multiline?: boolean; optional: boolean }
> = {
  title: {
    label: 'Title',
    hint: 'Women Mediators and the Future of Peace Processes',
    max: 500,
    optional: false,
  },
  type: { label: 'Type', hint: 'Panel Discussion, Policy Forum, Book Launch…', max: 100, optional: true },
  start: { label: 'Starts', hint: '2027-03-14 18:30, or 2027-03-14 for all day', max: 20, optional: false },
  end: { label: 'Ends', hint: '2027-03-14 20:00', max: 20, optional: true },
  timezone: { label: 'Time zone', hint: 'Europe/Zurich (default: the bot’s zone)', max: 60, optional: true },
  location: { label: 'Where', hint: 'Geneva, or an address', max: 500, optional: true },
  url: { label: 'Event page', hint: 'https://…', max: 2000, optional: true },
  hosts: { label: 'Hosts', hint: 'Comma-separated', max: 2000, optional: true },
  speakers: {
    label: 'Speakers',
    hint: 'One a line: Name (Role)',
    max: 3000,
    multiline: true,
    optional: true,
  },
  summary: { label: 'Summary', hint: 'A sentence or two', max: 3000, multiline: true, optional: true },
  themes: { label: 'Key themes', hint: 'One a line', max: 3000, multiline: true, optional: true },
  tags: { label: 'Tags', hint: 'Comma-separated', max: 1000, optional: true },
};

/** What the add/edit modal remembers: the event being edited, when it is an edit. */
export function eventFormView(options: { form?: EventForm; editing?: string; zone: string }): ModalView {
  const form = options.form ?? {};
  return {
    type: 'modal',
    callback_id: SlackIds.surfaces.eventFormModal,
    private_metadata: JSON.stringify(options.editing ? { e: options.editing } : {}),
    title: plain(options.editing ? 'Edit event' : 'Add an event', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks: EVENT_FORM_FIELDS.map((field) => input(field, form[field], options.zone)),
  };
}

function input(field: EventFormField, value: string | undefined, zone: string): InputBlock {
  const spec = FIELDS[field];
  const hint = field === 'timezone' ? `${spec.hint.split(' (')[0]} (default: ${zone})` : spec.hint;
  return {
    type: 'input',
    block_id: ids[field],
    optional: spec.optional,
    label: plain(spec.label, 2000),
    element: {
      type: 'plain_text_input',
      action_id: ids[field],
      max_length: spec.max,
      ...(spec.multiline ? { multiline: true } : {}),
      placeholder: plain(hint, 150),
      ...(value ? { initial_value: value.slice(0, spec.max) } : {}),
    },
  };
}

/** A modal that only says something: opening placeholder, a refusal, or a saved event's confirmation. */
export function messageModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    callback_id: SlackIds.surfaces.eventFormModal,
    title: plain(title, 24),
    close: plain('Close', 24),
    blocks: [section(escapeTruncate(oneLine(text), 2900))],
  };
}

/** The form's fields from a view_submission's `view.state.values`. */
export function readEventFormValues(
  values: Record<string, Record<string, { value?: string | null }>>,
): EventForm {
  const form: EventForm = {};
  for (const field of EVENT_FORM_FIELDS) {
    const value = values[ids[field]]?.[ids[field]]?.value;
    if (typeof value === 'string') form[field] = value;
  }
  return form;
}

/** The id of the event being edited, from private_metadata; undefined when adding. */
export function editingOf(raw: string | undefined): string | undefined {
  try {
    const parsed = JSON.parse(raw ?? '{}') as { e?: unknown };
    return typeof parsed.e === 'string' && parsed.e ? parsed.e : undefined;
  } catch {
    return undefined;
  }
}

/** Core's field errors keyed by the block ids Slack shows them under (`response_action: errors`). */
export function fieldErrors(errors: Partial<Record<EventFormField, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [ids[field as EventFormField], message ?? '']),
  );
}
