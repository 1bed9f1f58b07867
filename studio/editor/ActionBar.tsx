import { useI18n } from '../i18n/index.tsx';
import type { ActionState, ChannelActions } from './actions.ts';

type Name = 'save' | 'submit' | 'publish';

/**
 * The channel header's buttons as the channel's state and the person's role
 * allow, and, under them, why each unavailable one is (buttons sharing a
 * reason share its line; each button points at its line for screen readers).
 */
export function ActionBar({ actions, busy, onSave, onSubmit, onPublish }: { actions: ChannelActions; busy: boolean; onSave(): void; onSubmit(): void; onPublish(): void }) {
  const { t } = useI18n();
  if (actions.readOnly) return <p className="muted action-why">{t(actions.readOnly)}</p>;
  const buttons: { name: Name; state: ActionState; label: string; primary: boolean; run(): void }[] = [
    { name: 'save', state: actions.save, label: t('editor.save'), primary: false, run: onSave },
    { name: 'submit', state: actions.submit, label: t('editor.submit'), primary: false, run: onSubmit },
    { name: 'publish', state: actions.publish, label: t(actions.publish.label), primary: true, run: onPublish },
  ];
  const reasons = new Map<string, { id: string; names: string[] }>();
  for (const b of buttons) {
    if (!b.state.shown || !b.state.why) continue;
    const text = t(b.state.why.key, b.state.why.params);
    const line = reasons.get(text) ?? { id: `why-${b.name}`, names: [] };
    line.names.push(b.label);
    reasons.set(text, line);
  }
  const reasonOf = (b: (typeof buttons)[number]) => (b.state.why ? reasons.get(t(b.state.why.key, b.state.why.params))?.id : undefined);
  return (
    <div className="action-bar">
      <div className="actions">
        {buttons
          .filter((b) => b.state.shown)
          .map((b) => (
            <button key={b.name} type="button" className={b.primary ? 'primary' : undefined} disabled={busy || !b.state.enabled} aria-describedby={reasonOf(b)} onClick={b.run}>
              {b.label}
            </button>
          ))}
      </div>
      {reasons.size > 0 && (
        <ul className="action-why">
          {[...reasons].map(([text, line]) => (
            <li key={line.id} id={line.id}>
              {t('editor.whyLine', { actions: line.names.join(', '), reason: text })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
