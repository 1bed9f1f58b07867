import type { z } from 'zod';
import type { DeviceSummary } from '../../playlists/schemas/operator-api.ts';
import { useI18n } from '../i18n/index.tsx';
import { hoursText } from '../components/HoursFields.tsx';

type Device = z.infer<typeof DeviceSummary>;

type Applied = NonNullable<NonNullable<Device['heartbeat']>['settings']>;

/** Same volume (an older screen that reports none plays at 100) and language (unless the hub leaves it to the screen). */
const sameSound = (device: Device, applied: Applied) => device.volume === (applied.volume ?? 100) && (device.language === null || device.language === applied.language);

/** Same opening hours of the screen's own (none on both sides, or the same windows in order). */
const sameHours = (device: Device, applied: Applied) => JSON.stringify(device.operatingHours ?? null) === JSON.stringify(applied.operatingHours ?? null);

/** Same tags (any order), zone and displays (id, orientation, touch, in order), volume, language and opening hours. */
function same(device: Device, applied: Applied): boolean {
  const sorted = (tags: readonly string[]) => JSON.stringify([...tags].sort());
  const displays = (list: readonly { id: string; orientation: string; touch: boolean }[]) => JSON.stringify(list.map((d) => [d.id, d.orientation, d.touch]));
  return sorted(device.tags) === sorted(applied.tags) && device.timeZone === applied.timeZone && displays(device.displays) === displays(applied.displays) && sameSound(device, applied) && sameHours(device, applied);
}

/**
 * Whether the screen runs the settings saved here: its heartbeat reports the
 * signed settings it applied last (docs/protocol.md, "Push stream"); until
 * they match what the hub holds, the edit is pending.
 */
export function SettingsApplied({ device }: { device: Device }) {
  const i18n = useI18n();
  const { t } = i18n;
  const applied = device.heartbeat?.settings;
  const text = !applied ? t('screen.settingsUnreported') : same(device, applied) ? t('screen.settingsApplied', { version: applied.version }) : t('screen.settingsPending');
  return (
    <>
      <dt>{t('screen.settingsOnScreen')}</dt>
      <dd data-testid="settings-applied">{text}</dd>
      {applied && (
        <>
          <dt>{t('hours.onScreen')}</dt>
          <dd data-testid="hours-applied">{hoursText(i18n, applied.operatingHours)}</dd>
        </>
      )}
    </>
  );
}
