import { useState } from 'react';
import { API, type DeviceSummary } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { Link } from '../components/Link.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';
import { pickText } from '../i18n/pick.ts';
import { href } from '../router.ts';
import { BulkPanel } from './FleetBulk.tsx';
import { PlaybackBadge, PlaybackFacts } from './PlaybackHealth.tsx';
import { DisplayPowerFact } from './DisplayPowerFact.tsx';

/** Screens grouped by their site (group), else by their first tag. */
export function groupDevices(devices: DeviceSummary[], ungrouped: string): [string, DeviceSummary[]][] {
  const groups = new Map<string, DeviceSummary[]>();
  for (const d of devices) {
    const name = d.group ?? d.tags[0] ?? ungrouped;
    groups.set(name, [...(groups.get(name) ?? []), d]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === ungrouped ? 1 : b === ungrouped ? -1 : a.localeCompare(b, 'vi')));
}

export function FleetPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const devices = useLoad(() => call(API.listDevices), 'fleet', 5_000);
  const list = devices.data?.devices ?? [];
  const online = list.filter((d) => d.online).length;
  // Bulk actions (approvers): screens ticked one by one or a whole group at once.
  const bulk = session.can('approver');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (ids: readonly string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('fleet.title')}</h1>
        {session.can('approver') && (
          <Link className="button primary" href="/pair">
            {t('fleet.pair')}
          </Link>
        )}
      </div>
      {devices.data && <p className="muted">{t('fleet.summary', { online, total: list.length })}</p>}
      {devices.error !== null && <Notice kind="error">{apiErrorText(i18n, devices.error)}</Notice>}
      {devices.data && list.length === 0 && <p>{t('fleet.empty')}</p>}
      {bulk && list.length > 0 && <BulkPanel devices={list} selected={selected} onDone={devices.reload} />}
      {groupDevices(list, t('fleet.ungrouped')).map(([group, members]) => (
        <section key={group} className="group" aria-labelledby={`g-${group}`}>
          <h2 id={`g-${group}`}>{group}</h2>
          {bulk && (
            <label className="check bulk-check">
              <input type="checkbox" checked={members.every((d) => selected.has(d.id))} onChange={(e) => toggle(members.map((d) => d.id), e.target.checked)} />{' '}
              {t('bulk.selectGroup', { group, n: members.length })}
            </label>
          )}
          <ul className="cards">
            {members.map((d) => (
              <DeviceCard key={d.id} device={d} select={bulk ? { on: selected.has(d.id), set: (on) => toggle([d.id], on) } : undefined} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function DeviceCard({ device: d, select }: { device: DeviceSummary; select?: { on: boolean; set(on: boolean): void } | undefined }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const state = d.revoked ? 'revoked' : d.online ? 'online' : 'offline';
  return (
    <li className="card device-card" data-device={d.id}>
      <div className="card-head">
        {select && <input type="checkbox" className="bulk-pick" checked={select.on} onChange={(e) => select.set(e.target.checked)} aria-label={t('bulk.selectScreen', { name: d.name })} />}
        <Link href={href('screens', d.id)} className="card-title">
          {d.name}
        </Link>
        <span className="badges">
          <PlaybackBadge playback={d.playback} />
          <span className={`badge badge-${state}`}>{t(`fleet.state.${state}`)}</span>
        </span>
      </div>
      <dl className="facts">
        <dt>{t('fleet.nowPlaying')}</dt>
        <dd className="now-playing">
          {d.nowPlaying.length === 0
            ? t('fleet.nothing')
            : d.nowPlaying.map((n) => (
                <span key={`${n.display}/${n.zone}`} className="np">
                  <span className="np-where">{t('fleet.where', { display: n.display, zone: t(`zone.${n.zone}`) })}</span> {pickText(n.title, lang) || t('fleet.untitled')}
                </span>
              ))}
        </dd>
        <dt>{t('fleet.heartbeat')}</dt>
        <dd className="heartbeat">{d.lastHeartbeatAt ? i18n.dateTime(d.lastHeartbeatAt) : t('fleet.never')}</dd>
        <dt>{t('fleet.playlist')}</dt>
        <dd className="playlist">{d.playlist?.channel ? t('fleet.playlistVersion', { title: d.playlist.title ?? d.playlist.channel, version: d.playlist.version ?? 0 }) : t('fleet.noPlaylist')}</dd>
        <PlaybackFacts playback={d.playback} always={false} />
        <DisplayPowerFact device={d} detailed={false} />
        {d.lastError && (
          <>
            <dt>{t('fleet.lastError')}</dt>
            <dd className="last-error">
              {t('fleet.errorAt', { code: d.lastError.code, at: i18n.dateTime(d.lastError.at) })}
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}
