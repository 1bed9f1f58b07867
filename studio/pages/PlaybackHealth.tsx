import type { PlaybackHealth } from '../../playlists/schemas/operator-api.ts';
import { useI18n } from '../i18n/index.tsx';

/**
 * A screen's plays over the last day, as a fact row (dt/dd) for the fleet card
 * and the screen page. The hub flags a screen that skips or fails items (a
 * covered window, a file it cannot play) so it is seen before anyone reads a
 * report: the fleet card shows the row only then, the screen page always.
 */
export function PlaybackFacts({ playback: p, always }: { playback: PlaybackHealth; always: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!always && !p.warning) return null;
  const last = p.lastProblem;
  return (
    <div className="fact-row">
      <dt>{t('playback.label')}</dt>
      <dd className={p.warning ? 'playback playback-warning' : 'playback'} data-testid="playback" data-warning={p.warning}>
        {p.skipped + p.errors === 0 ? t('playback.none', { plays: p.plays }) : t('playback.counts', { skipped: p.skipped, errors: p.errors, plays: p.plays })}
        {last && (
          <span className="playback-last">
            {t('playback.last', { at: i18n.dateTime(last.at), display: last.display, item: last.itemId, outcome: t(`outcome.${last.outcome}`) })}
            {last.reason && <code className="playback-reason">{last.reason}</code>}
          </span>
        )}
      </dd>
    </div>
  );
}

/** The flag beside a screen's online state: the first thing an operator scanning the fleet sees. */
export function PlaybackBadge({ playback }: { playback: PlaybackHealth }) {
  const { t } = useI18n();
  return playback.warning ? (
    <span className="badge badge-warning" data-testid="playback-warning">
      {t('playback.warning')}
    </span>
  ) : null;
}
