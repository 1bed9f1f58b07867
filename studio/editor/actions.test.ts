import { describe, expect, it } from 'vitest';
import { channelActions, type ActionInput } from './actions.ts';

const approver: ActionInput = { state: 'published', version: 3, dirty: false, problems: 0, canEdit: true, canPublish: true, system: false };
const editor: ActionInput = { ...approver, canPublish: false };
const why = (a: { why: { key: string } | null }) => a.why?.key ?? null;

describe('the channel header’s buttons follow the channel’s state and the role', () => {
  it('published with no new draft: nothing to save, submit or publish, each saying why', () => {
    const a = channelActions(approver);
    expect([a.save.enabled, a.submit.enabled, a.publish.enabled]).toEqual([false, false, false]);
    expect([why(a.save), why(a.submit), why(a.publish)]).toEqual(['editor.why.nothingToSave', 'editor.why.published', 'editor.why.published']);
    expect(a.publish.why?.params).toEqual({ version: 3 });
    expect(a.publish.label).toBe('editor.publishDraft');
  });

  it('edited: save and submit; publishing waits for the save', () => {
    const a = channelActions({ ...approver, dirty: true });
    expect([a.save.enabled, a.submit.enabled, a.publish.enabled]).toEqual([true, true, false]);
    expect(why(a.publish)).toBe('editor.why.saveFirst');
  });

  it('a saved draft: an approver may publish it; an editor submits it and is told who publishes', () => {
    expect(channelActions({ ...approver, state: 'draft' }).publish).toMatchObject({ enabled: true, label: 'editor.publishDraft' });
    const e = channelActions({ ...editor, state: 'draft' });
    expect([e.submit.enabled, e.publish.shown, e.publish.enabled, why(e.publish)]).toEqual([true, true, false, 'editor.why.approverOnly']);
  });

  it('submitted: the approver approves and publishes; the editor waits', () => {
    expect(channelActions({ ...approver, state: 'submitted' }).publish).toMatchObject({ enabled: true, label: 'editor.publish', why: null });
    expect(why(channelActions({ ...editor, state: 'submitted' }).submit)).toBe('editor.why.awaiting');
  });

  it('problems stop submitting and publishing, with their count', () => {
    const a = channelActions({ ...approver, state: 'draft', problems: 2 });
    expect([a.submit.enabled, a.publish.enabled, why(a.submit), a.submit.why?.params]).toEqual([false, false, 'editor.why.problems', { n: 2 }]);
  });

  it('viewers and the emergency channel get no buttons, and a sentence', () => {
    const v = channelActions({ ...approver, canEdit: false, canPublish: false });
    expect([v.save.shown, v.submit.shown, v.publish.shown, v.readOnly]).toEqual([false, false, false, 'editor.why.viewer']);
    expect(channelActions({ ...approver, system: true }).readOnly).toBe('editor.why.system');
  });
});
