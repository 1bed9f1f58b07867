import { useEffect, useRef } from 'react';
import type { ZoneRole } from '../../playlists/schemas/layouts.ts';
import { ZoneEngine, type EngineDeps, type Program } from '../playback/zone-engine.ts';

export interface ZonePlayerProps {
  role: ZoneRole;
  program: Program;
  /** Cut what plays now (interrupts and their end); otherwise a still-scheduled item plays on. */
  preempt: boolean;
  deps: Omit<EngineDeps, 'zone'>;
  /** Why the zone stops if it unmounts now; updated by the display on every plan. */
  stopReason: { readonly current: string };
}

/** A main or side zone: React owns the box, the engine owns the media elements inside it. */
export function ZonePlayer({ role, program, preempt, deps, stopReason }: ZonePlayerProps) {
  const host = useRef<HTMLDivElement>(null);
  const engine = useRef<ZoneEngine | null>(null);
  const depsRef = useRef(deps);
  depsRef.current = deps;

  useEffect(() => {
    const e = new ZoneEngine(host.current!, {
      zone: role,
      makeSlot: (...a) => depsRef.current.makeSlot(...a),
      report: (r) => depsRef.current.report(r),
      newId: () => depsRef.current.newId(),
      languageOf: (...a) => depsRef.current.languageOf(...a),
    });
    engine.current = e;
    return () => {
      e.destroy(stopReason.current);
      engine.current = null;
    };
  }, [role, stopReason]);

  useEffect(() => {
    engine.current?.setProgram(program, preempt);
  }, [program, preempt]);

  return <div className="zone-host" ref={host} data-zone={role} />;
}
