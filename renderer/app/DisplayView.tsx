import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { Plan } from '../../playlists/scheduler/index.ts';
import type { PlayerState } from '../../playlists/schemas/local-api.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';
import type { ZoneRole } from '../../playlists/schemas/layouts.ts';
import { resolveSequence } from '../playback/resolve.ts';
import type { EngineDeps, Program } from '../playback/zone-engine.ts';
import type { ResolvedItem } from '../playback/types.ts';
import { TickerZone } from '../zones/TickerZone.tsx';
import { ZonePlayer } from '../zones/ZonePlayer.tsx';
import { tickerInset } from '../zones/overlap.ts';
import { IdleView } from '../views/IdleView.tsx';

export interface DisplayViewProps {
  plan: Plan;
  playlist: Playlist;
  state: PlayerState;
  deps: Omit<EngineDeps, 'zone'>;
  chainsFor(mode: ResolvedItem['item']['languages'], pass: number): string[][];
}

const pct = (f: number) => `${(f * 100).toFixed(4)}%`;

/** One display: black, the idle screen, or the plan's layout with a player per zone. */
export function DisplayView({ plan, playlist, state, deps, chainsFor }: DisplayViewProps) {
  // Read by zones that unmount in this commit (the plan changed); any later unmount
  // (the kiosk opening over the loop, the app closing) reads the neutral reason.
  const stopReason = useRef('stopped');
  stopReason.current = plan.kind === 'black' ? 'outside operating hours' : plan.kind === 'play' && plan.interrupt ? 'interrupt' : 'schedule change';
  useEffect(() => {
    stopReason.current = 'stopped';
  });
  // Leaving an interrupt also preempts: the normal loop resumes at once where it left off.
  const seen = useRef<{ plan: Plan; preempt: boolean; interrupt: boolean } | null>(null);
  if (seen.current?.plan !== plan) {
    const interrupt = plan.kind === 'play' && plan.interrupt;
    seen.current = { plan, preempt: interrupt || (seen.current?.interrupt ?? false), interrupt };
  }
  const preempt = seen.current.preempt;

  // SSE repeats the state on every change (progress…): rebuild programs only when media really changed.
  const mediaKey = JSON.stringify([state.media, state.assetHashes]);
  const programs = useMemo(() => {
    const out: Partial<Record<ZoneRole, Program & { items: ResolvedItem[] }>> = {};
    if (plan.kind !== 'play') return out;
    const entry = plan.entry?.id ?? '(fallback)';
    for (const role of ['main', 'side', 'ticker'] as const) {
      const seq = plan.content[role];
      if (seq === undefined) continue;
      const items = resolveSequence(playlist, state, seq);
      // Nothing playable (e.g. every file of the sequence failed): leave the zone empty rather than loop on nothing.
      if (items.length === 0) continue;
      out[role] = {
        key: `${entry}/${role}/${seq}`,
        items,
        ...(plan.entry ? { entryId: plan.entry.id } : {}),
      };
    }
    return out;
  }, [plan, playlist, mediaKey]);

  if (plan.kind === 'black') return <div className="black" data-plan="black" />;
  if (plan.kind === 'idle') return <IdleView chain={[state.language, playlist.defaults.language]} />;

  return (
    <div className="layout" data-plan={plan.entry?.id ?? '(fallback)'} data-layout={plan.layoutId} style={{ background: plan.layout.background }}>
      {Object.entries(plan.layout.zones).map(([zoneId, zone]) => {
        const style: CSSProperties = { left: pct(zone.x), top: pct(zone.y), width: pct(zone.width), height: pct(zone.height) };
        if (zone.background) style.background = zone.background;
        const inset = tickerInset(zone, plan.layout);
        // Slides keep their texts clear of a ticker drawn over the zone's bottom (in cqh of their own slot).
        if (inset > 0) (style as Record<string, string>)['--ticker-inset'] = `${(inset * 100).toFixed(3)}cqh`;
        const program = programs[zone.role];
        return (
          <div key={zone.role} className={`zone zone-${zone.role}`} data-zone-id={zoneId} style={style}>
            {program && zone.role === 'ticker' && (
              <TickerZone items={program.items} entryId={program.entryId} chainsFor={chainsFor} report={deps.report} newId={deps.newId} />
            )}
            {program && zone.role !== 'ticker' && <ZonePlayer role={zone.role} program={program} preempt={preempt} deps={deps} stopReason={stopReason} />}
          </div>
        );
      })}
    </div>
  );
}
