import type { ChannelSummary } from '../../playlists/schemas/operator-api.ts';
import type { MessageKey } from '../i18n/index.tsx';

/** One of the channel header's buttons: shown or not, usable or not, and why not (a sentence beside it). */
export interface ActionState {
  shown: boolean;
  enabled: boolean;
  why: { key: MessageKey; params?: Record<string, string | number> } | null;
}

export interface ChannelActions {
  save: ActionState;
  submit: ActionState;
  publish: ActionState & { label: MessageKey };
  /** Why nothing can be done here at all (a viewer; the hub's emergency channel). */
  readOnly: MessageKey | null;
}

export interface ActionInput {
  state: ChannelSummary['state'];
  version: number;
  /** Edited since the last save. */
  dirty: boolean;
  problems: number;
  canEdit: boolean;
  canPublish: boolean;
  system: boolean;
}

const ok: ActionState = { shown: true, enabled: true, why: null };
const no = (key: MessageKey, params?: Record<string, string | number>): ActionState => ({ shown: true, enabled: false, why: params ? { key, params } : { key } });
const hidden: ActionState = { shown: false, enabled: false, why: null };

/**
 * What the channel header offers, from the channel's state (draft: edited
 * since its last publish; submitted: waiting for an approver; published:
 * screens have the draft as it is), the unsaved edits, the problems and the
 * person's role. Editors save and submit; approvers and admins publish —
 * "approve and publish" what was submitted, or publish their own draft.
 */
export function channelActions(a: ActionInput): ChannelActions {
  if (a.system || !a.canEdit) {
    return { save: hidden, submit: hidden, publish: { ...hidden, label: 'editor.publish' }, readOnly: a.system ? 'editor.why.system' : 'editor.why.viewer' };
  }
  const unchanged = !a.dirty;
  const save = a.dirty ? ok : no('editor.why.nothingToSave');
  const problems = a.problems > 0 ? no('editor.why.problems', { n: a.problems }) : null;
  const submit =
    problems ??
    (unchanged && a.state === 'published' ? no('editor.why.published', { version: a.version }) : unchanged && a.state === 'submitted' ? no('editor.why.awaiting') : ok);
  const label: MessageKey = a.state === 'submitted' && unchanged ? 'editor.publish' : 'editor.publishDraft';
  const publish = !a.canPublish
    ? no('editor.why.approverOnly')
    : problems ?? (a.dirty ? no('editor.why.saveFirst') : a.state === 'published' ? no('editor.why.published', { version: a.version }) : ok);
  return { save, submit, publish: { ...publish, label }, readOnly: null };
}
