import { API, type DeviceSettings, type ChannelSummary } from '../../playlists/schemas/operator-api.ts';
import type { PowerBackend } from '../../playlists/schemas/reports.ts';
import { call, type Issue } from '../api/client.ts';
import { issueText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from './useLoad.ts';
import { Check, Field } from './Field.tsx';
import { languageName } from '../editor/languages.ts';
import type { OperatingHours } from '../../playlists/schemas/schedule.ts';
import { HoursFields } from './HoursFields.tsx';

type Display = DeviceSettings['displays'][number];

export interface SettingsDraft {
  name: string;
  group: string;
  tags: string;
  timeZone: string;
  displays: Display[];
  channel: string;
  volume: number;
  /** '' = the screen keeps its own. */
  language: string;
  /** '' = the screen's default. */
  power: '' | PowerBackend;
  /** The screen's own opening hours; none = no restriction. */
  operatingHours: OperatingHours[];
}

/** Languages a screen may default to: the country's, English, and the neighbours' (ASEAN corners). */
const SCREEN_LANGUAGES = ['vi', 'en', 'zh', 'ja', 'ko', 'th', 'lo', 'km', 'my', 'ms', 'id', 'fil', 'fr', 'de', 'ru'];

export function draftOf(s: Partial<DeviceSettings> | null): SettingsDraft {
  return {
    name: s?.name ?? '',
    group: s?.group ?? '',
    tags: (s?.tags ?? []).join(', '),
    timeZone: s?.timeZone ?? 'Asia/Ho_Chi_Minh',
    displays: s?.displays ?? [{ id: 'main', orientation: 'landscape', touch: false }],
    channel: s?.channel ?? '',
    volume: s?.volume ?? 100,
    language: s?.language ?? '',
    power: s?.power ?? '',
    operatingHours: s?.operatingHours ?? [],
  };
}

export function settingsOf(d: SettingsDraft): DeviceSettings {
  return {
    name: d.name,
    group: d.group.trim() || null,
    tags: d.tags.split(',').map((s) => s.trim()).filter(Boolean),
    timeZone: d.timeZone.trim(),
    displays: d.displays,
    channel: d.channel || null,
    volume: d.volume,
    language: d.language || null,
    power: d.power || null,
    operatingHours: d.operatingHours.length ? d.operatingHours : null,
  };
}

/** Name, site, tags, zone, channel, volume, language, power, opening hours and displays of a screen: the same form when pairing and later. */
export function DeviceSettingsFields({ value, onChange, issues }: { value: SettingsDraft; onChange(next: SettingsDraft): void; issues: readonly Issue[] }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const channels = useLoad(() => call(API.listChannels), 'channels');
  const errors = (path: string) => issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`)).map((i) => issueText(i18n, i));
  const set = (patch: Partial<SettingsDraft>) => onChange({ ...value, ...patch });
  const setDisplay = (i: number, patch: Partial<Display>) => set({ displays: value.displays.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  const list: ChannelSummary[] = (channels.data?.channels ?? []).filter((c) => !c.system);

  return (
    <>
      <Field label={t('device.name')} errors={errors('name')}>
        {(c) => <input {...c} required value={value.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field label={t('device.group')} hint={t('device.groupHint')} errors={errors('group')}>
        {(c) => <input {...c} value={value.group} onChange={(e) => set({ group: e.target.value })} />}
      </Field>
      <Field label={t('device.tags')} hint={t('device.tagsHint')} errors={errors('tags')}>
        {(c) => <input {...c} value={value.tags} onChange={(e) => set({ tags: e.target.value })} />}
      </Field>
      <Field label={t('device.timeZone')} errors={errors('timeZone')}>
        {(c) => <input {...c} value={value.timeZone} onChange={(e) => set({ timeZone: e.target.value })} />}
      </Field>
      <Field label={t('device.channel')} hint={t('device.channelHint')} errors={errors('channel')}>
        {(c) => (
          <select {...c} value={value.channel} onChange={(e) => set({ channel: e.target.value })}>
            <option value="">{t('device.channelAuto')}</option>
            {list.map((ch) => (
              <option key={ch.id} value={ch.id}>
                {ch.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('device.volume')} hint={t('device.volumeHint')} errors={errors('volume')}>
        {(c) => <input {...c} type="number" min={0} max={100} step={1} value={value.volume} onChange={(e) => set({ volume: e.target.value === '' ? 0 : Number(e.target.value) })} />}
      </Field>
      <Field label={t('device.language')} hint={t('device.languageHint')} errors={errors('language')}>
        {(c) => (
          <select {...c} value={value.language} onChange={(e) => set({ language: e.target.value })}>
            <option value="">{t('device.languageOwn')}</option>
            {[...new Set([...SCREEN_LANGUAGES, ...(value.language ? [value.language] : [])])].map((l) => (
              <option key={l} value={l}>
                {languageName(l, lang)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('power.setting')} hint={t('power.settingHint')} errors={errors('power')}>
        {(c) => (
          <select {...c} value={value.power} onChange={(e) => set({ power: e.target.value as SettingsDraft['power'] })}>
            <option value="">{t('power.auto')}</option>
            <option value="dpms">{t('power.dpms')}</option>
            <option value="cec">{t('power.cec')}</option>
            <option value="none">{t('power.none')}</option>
          </select>
        )}
      </Field>
      <HoursFields value={value.operatingHours} onChange={(operatingHours) => set({ operatingHours })} errors={errors} />
      <fieldset className="displays">
        <legend>{t('device.displays')}</legend>
        {value.displays.map((d, i) => (
          <div key={i} className="display-row">
            <Field label={t('device.displayId')} errors={errors(`displays.${i}`)}>
              {(c) => <input {...c} value={d.id} onChange={(e) => setDisplay(i, { id: e.target.value })} />}
            </Field>
            <Field label={t('device.orientation')}>
              {(c) => (
                <select {...c} value={d.orientation} onChange={(e) => setDisplay(i, { orientation: e.target.value as Display['orientation'] })}>
                  <option value="landscape">{t('orientationName.landscape')}</option>
                  <option value="portrait">{t('orientationName.portrait')}</option>
                </select>
              )}
            </Field>
            <Check label={t('device.touch')} checked={d.touch} onChange={(touch) => setDisplay(i, { touch })} />
            {value.displays.length > 1 && (
              <button type="button" className="link-button" onClick={() => set({ displays: value.displays.filter((_, j) => j !== i) })}>
                {t('common.remove')}
              </button>
            )}
          </div>
        ))}
        <button type="button" onClick={() => set({ displays: [...value.displays, { id: `display-${value.displays.length + 1}`, orientation: 'landscape', touch: false }] })}>
          {t('device.addDisplay')}
        </button>
      </fieldset>
    </>
  );
}
