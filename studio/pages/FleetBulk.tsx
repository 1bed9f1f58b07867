import { useRef, useState } from 'react';
import type { z } from 'zod';
import type { CommandName } from '../../playlists/schemas/device-api.ts';
import type { BulkResult } from '../../playlists/schemas/fleet-ops.ts';
import { API, type DeviceSummary } from '../../playlists/schemas/operator-api.ts';
import { ApiError, call } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';

const COMMANDS: z.infer<typeof CommandName>[] = ['reload', 'restart', 'screenshot', 'log', 'reverify'];
type Action = 'command' | 'channel' | 'settings';
const tagList = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * One action on the selected screens: a command, a channel, or tags and time
 * zone. A dialog names how many screens (and which) before anything is sent;
 * the hub answers per screen, and the table shows each screen's outcome.
 */
export function BulkPanel({ devices, selected, onDone }: { devices: readonly DeviceSummary[]; selected: ReadonlySet<string>; onDone(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const channels = useLoad(() => call(API.listChannels), 'channels');
  const dialog = useRef<HTMLDialogElement>(null);
  const [action, setAction] = useState<Action>('command');
  const [command, setCommand] = useState<(typeof COMMANDS)[number]>('reload');
  const [channel, setChannel] = useState('');
  const [addTags, setAddTags] = useState('');
  const [removeTags, setRemoveTags] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [result, setResult] = useState<BulkResult | null>(null);
  // The refusal itself, put into words when drawn (so in the current language).
  const [error, setError] = useState<unknown>(null);
  const chosen = devices.filter((d) => selected.has(d.id));
  const n = chosen.length;
  const nameOf = (id: string) => devices.find((d) => d.id === id)?.name ?? id;
  const channelTitle = channels.data?.channels.find((c) => c.id === channel)?.title ?? t('bulk.noChannel');
  const question =
    action === 'command' ? t('bulk.confirmCommand', { command: t(`command.${command}`), n }) : action === 'channel' ? t('bulk.confirmChannel', { channel: channelTitle, n }) : t('bulk.confirmSettings', { n });
  const nothing = action === 'settings' && tagList(addTags).length + tagList(removeTags).length === 0 && timeZone.trim() === '';

  const run = async () => {
    setError(null);
    setResult(null);
    const deviceIds = chosen.map((d) => d.id);
    try {
      if (action === 'command') setResult(await call(API.bulkCommand, { body: { deviceIds, name: command } }));
      else if (action === 'channel') setResult(await call(API.bulkChannel, { body: { deviceIds, channel: channel || null } }));
      else setResult(await call(API.bulkSettings, { body: { deviceIds, addTags: tagList(addTags), removeTags: tagList(removeTags), ...(timeZone.trim() ? { timeZone: timeZone.trim() } : {}) } }));
      onDone();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="bulk-h" className="panel bulk-panel">
      <h2 id="bulk-h">{t('bulk.title')}</h2>
      <p className="muted">{t('bulk.lead')}</p>
      <p data-testid="bulk-count">{t('bulk.selected', { n })}</p>
      <div className="bulk-form">
        <Field label={t('bulk.action')}>
          {(c) => (
            <select {...c} value={action} onChange={(e) => setAction(e.target.value as Action)}>
              <option value="command">{t('bulk.doCommand')}</option>
              <option value="channel">{t('bulk.doChannel')}</option>
              <option value="settings">{t('bulk.doSettings')}</option>
            </select>
          )}
        </Field>
        {action === 'command' && (
          <Field label={t('bulk.command')}>
            {(c) => (
              <select {...c} value={command} onChange={(e) => setCommand(e.target.value as (typeof COMMANDS)[number])}>
                {COMMANDS.map((name) => (
                  <option key={name} value={name}>
                    {t(`command.${name}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {action === 'channel' && (
          <Field label={t('bulk.channel')}>
            {(c) => (
              <select {...c} value={channel} onChange={(e) => setChannel(e.target.value)}>
                <option value="">{t('bulk.noChannel')}</option>
                {(channels.data?.channels ?? []).filter((ch) => !ch.system).map((ch) => (
                  <option key={ch.id} value={ch.id}>
                    {ch.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {action === 'settings' && (
          <>
            <Field label={t('bulk.addTags')}>{(c) => <input {...c} value={addTags} onChange={(e) => setAddTags(e.target.value)} />}</Field>
            <Field label={t('bulk.removeTags')}>{(c) => <input {...c} value={removeTags} onChange={(e) => setRemoveTags(e.target.value)} />}</Field>
            <Field label={t('bulk.timeZone')}>{(c) => <input {...c} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />}</Field>
            {nothing && <p className="muted">{t('bulk.nothing')}</p>}
          </>
        )}
        <button type="button" className="primary" disabled={n === 0 || nothing} onClick={() => dialog.current?.showModal()}>
          {t('bulk.apply')}
        </button>
      </div>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby="bulk-confirm-h" data-testid="bulk-dialog">
        <form method="dialog">
          <h2 id="bulk-confirm-h">{question}</h2>
          <p>{t('bulk.confirmList', { names: chosen.map((d) => d.name).join(', ') })}</p>
          <div className="actions">
            <button type="submit" value="cancel" autoFocus>
              {t('common.cancel')}
            </button>
            <button type="submit" value="apply" className="primary" onClick={() => void run()}>
              {t('bulk.confirm', { n })}
            </button>
          </div>
        </form>
      </dialog>
      {error !== null && <Notice kind="error">{apiErrorText(i18n, error)}</Notice>}
      {result && (
        <table className="table" data-testid="bulk-results">
          <caption>{t('bulk.results', { ok: result.results.filter((r) => r.ok).length, n: result.results.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bulk.screen')}</th>
              <th scope="col">{t('bulk.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {result.results.map((r) => (
              <tr key={r.deviceId} data-device={r.deviceId}>
                <td>{nameOf(r.deviceId)}</td>
                <td>{r.ok ? t('bulk.ok') : t('bulk.failed', { reason: apiErrorText(i18n, new ApiError(400, r.error?.code ?? 'INTERNAL', r.error?.message ?? '')) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
