import { useEffect, useState, type FormEvent } from 'react';
import { API } from '../../playlists/schemas/operator-api.ts';
import type { CommandName } from '../../playlists/schemas/device-api.ts';
import type { z } from 'zod';
import { ApiError, call, type Issue } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { DeviceSettingsFields, draftOf, settingsOf, type SettingsDraft } from '../components/DeviceSettingsForm.tsx';
import { Notice } from '../components/Notice.tsx';
import { RevokeScreenDialog } from '../components/RevokeScreenDialog.tsx';
import { useLoad } from '../components/useLoad.ts';
import { ActionNotice, ok, useActionNotice } from '../components/useActionNotice.tsx';
import { ChainFlags } from './ChainFlags.tsx';
import { DeviceLog } from './DeviceLog.tsx';
import { DisplayShots } from './DisplayShots.tsx';
import { PlaybackBadge, PlaybackFacts } from './PlaybackHealth.tsx';
import { PlayEventsPath } from './PlayEventsPath.tsx';
import { RendererMemory } from './RendererMemory.tsx';
import { SettingsApplied } from './SettingsApplied.tsx';
import { DisplayPowerFact } from './DisplayPowerFact.tsx';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { pickText } from '../i18n/pick.ts';

const COMMANDS: z.infer<typeof CommandName>[] = ['screenshot', 'log', 'reload', 'reverify', 'restart', 'wake'];

export function ScreenPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const session = useSession();
  const detail = useLoad(() => call(API.getDevice, { params: { id } }), id, 5_000);
  const [settings, setSettings] = useState<SettingsDraft | null>(null);
  const { notice, run } = useActionNotice(new URLSearchParams(location.search).has('paired') ? ok('pair.done') : null);
  // The bad fields of a refused settings save, marked on the form.
  const issues: readonly Issue[] = notice && 'error' in notice.said && notice.said.error instanceof ApiError ? notice.said.error.issues : [];
  const device = detail.data?.device;
  useEffect(() => {
    if (device && settings === null) setSettings(draftOf(device));
  }, [device, settings]);

  const act = (what: () => Promise<unknown>, done: MessageKey) =>
    run(async () => {
      await what();
      detail.reload();
    }, { key: done });

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (settings) void act(() => call(API.updateDevice, { params: { id }, body: settingsOf(settings) }), 'common.saved');
  };

  if (!device) return <section className="page">{detail.error !== null ? <Notice kind="error">{apiErrorText(i18n, detail.error)}</Notice> : <p aria-busy="true">{t('common.loading')}</p>}</section>;
  const commands = detail.data?.commands ?? [];
  // The newest screenshot: one picture per display, or (older players) one of the whole screen.
  const newest = commands.find((c) => c.screenshots.length > 0 || c.screenshotUrl);
  const shot = newest ? newest.screenshotUrl : (device.screenshot?.url ?? null);

  return (
    <section className="page">
      <div className="page-head">
        <h1>{device.name}</h1>
        <span className="badges">
          <PlaybackBadge playback={device.playback} />
          <span className={`badge badge-${device.revoked ? 'revoked' : device.online ? 'online' : 'offline'}`}>{t(`fleet.state.${device.revoked ? 'revoked' : device.online ? 'online' : 'offline'}`)}</span>
        </span>
      </div>
      <ActionNotice notice={notice} />
      <div className="columns">
        <section aria-labelledby="now-h" className="panel">
          <h2 id="now-h">{t('screen.now')}</h2>
          <dl className="facts">
            <dt>{t('fleet.heartbeat')}</dt>
            <dd>{device.lastHeartbeatAt ? i18n.dateTime(device.lastHeartbeatAt) : t('fleet.never')}</dd>
            <dt>{t('fleet.playlist')}</dt>
            <dd>{device.playlist?.channel ? t('fleet.playlistVersion', { title: device.playlist.title ?? device.playlist.channel, version: device.playlist.version ?? 0 }) : t('fleet.noPlaylist')}</dd>
            {device.nowPlaying.map((n) => (
              <div key={`${n.display}/${n.zone}`} className="fact-row">
                <dt>{t('fleet.where', { display: n.display, zone: t(`zone.${n.zone}`) })}</dt>
                <dd>
                  {pickText(n.title, lang) || t('fleet.untitled')} <span className="muted">{t('screen.since', { at: i18n.time(n.since) })}</span>
                </dd>
              </div>
            ))}
            {device.lastError && (
              <div className="fact-row">
                <dt>{t('fleet.lastError')}</dt>
                <dd className="last-error">{t('fleet.errorAt', { code: device.lastError.code, at: i18n.dateTime(device.lastError.at) })}</dd>
              </div>
            )}
            <SettingsApplied device={device} />
            <DisplayPowerFact device={device} detailed />
            <PlaybackFacts playback={device.playback} always />
            <dt>{t('screen.chain')}</dt>
            <dd>{device.chain.status === 'ok' ? t('screen.chainOk') : t('screen.chainProblems', { n: device.chain.problems })}</dd>
            <PlayEventsPath path={device.playEvents} />
            <RendererMemory heartbeat={device.heartbeat} />
          </dl>
          {session.can('approver') && !device.revoked && (
            <div className="actions">
              {COMMANDS.map((name) => (
                <button key={name} type="button" onClick={() => void act(() => call(API.command, { params: { id }, body: { name } }), 'screen.commandSent')}>
                  {t(`command.${name}`)}
                </button>
              ))}
            </div>
          )}
          <ChainFlags flags={detail.data?.chainFlags ?? []} />
          <DisplayShots shots={newest?.screenshots ?? []} name={device.name} />
          {shot && <img className="screenshot" src={shot} alt={t('screen.screenshotAlt', { name: device.name })} />}
          <DeviceLog log={detail.data?.log ?? null} />
          {commands.length > 0 && (
            <table className="table">
              <caption>{t('screen.commands')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('screen.command')}</th>
                  <th scope="col">{t('screen.issued')}</th>
                  <th scope="col">{t('screen.status')}</th>
                </tr>
              </thead>
              <tbody>
                {commands.map((c) => (
                  <tr key={c.id}>
                    <td>{t(`command.${c.name}`)}</td>
                    <td>{i18n.dateTime(c.issuedAt)}</td>
                    <td>{t(`commandStatus.${c.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {settings && session.can('approver') && (
          <section aria-labelledby="settings-h" className="panel">
            <h2 id="settings-h">{t('screen.settings')}</h2>
            <form className="form" onSubmit={save}>
              <DeviceSettingsFields value={settings} onChange={setSettings} issues={issues} />
              <button className="primary" type="submit">
                {t('common.save')}
              </button>
            </form>
            {session.can('admin') && !device.revoked && (
              <RevokeScreenDialog name={device.name} onRevoke={() => void act(() => call(API.revokeDevice, { params: { id } }), 'screen.revoked')} />
            )}
          </section>
        )}
      </div>
    </section>
  );
}
