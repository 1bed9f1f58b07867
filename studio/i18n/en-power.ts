import type { viPower } from './vi-power.ts';

/** Display power (issue 17) in English: the same keys as vi-power.ts. */
export const enPower: Readonly<Record<keyof typeof viPower, string>> = {
  'command.wake': 'Wake now',
  'power.fact': 'Display power',
  'power.state.on': 'On',
  'power.state.off': 'Off (outside operating hours)',
  'power.state.unknown': 'Unknown',
  'power.since': '{state} since {at}',
  'power.woken': 'Woken until {at}',
  'power.via.dpms': 'through DPMS',
  'power.via.cec': 'through HDMI-CEC',
  'power.via.none': 'not controlled',
  'power.error': 'The last switch failed at {at}: {message}',
  'power.unreported': 'The screen has not reported its display power yet.',
  'power.setting': 'Panel off outside operating hours',
  'power.settingHint': 'Outside the schedule’s operating hours the player switches the panel off, and on again when they begin. Use HDMI-CEC only for a TV that supports it.',
  'power.auto': 'Automatic (DPMS on an X display)',
  'power.dpms': 'DPMS (xset)',
  'power.cec': 'HDMI-CEC (cec-client)',
  'power.none': 'Never (black screen only)',
};
