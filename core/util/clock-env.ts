import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseJson } from '../../playlists/parse.ts';
import { simulatedClock, systemClock, type Clock } from './clock.ts';

const Ms = z.int().min(0);
const SimClockEnv = z.strictObject({
  realEpochMs: Ms,
  simEpochMs: Ms,
  stepRealMs: z.int().min(100),
  stepSimMs: z.int().min(1_000),
  offsetFile: z.string().min(1).optional(),
});

/**
 * The clock a `pano` process runs on: the system clock, or — when
 * PANO_SIM_CLOCK holds a simulated-calendar spec (JSON, see simulatedClock) —
 * the soak's accelerated one. Nothing else reads the variable.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv): Clock {
  const text = env.PANO_SIM_CLOCK;
  if (!text) return systemClock;
  const spec = parseJson(SimClockEnv, text, 'PANO_SIM_CLOCK');
  if (!spec.offsetFile) return simulatedClock(spec);
  const file = spec.offsetFile;
  let offset = 0;
  const read = () => {
    try {
      offset = Number(readFileSync(file, 'utf8').trim()) || 0;
    } catch {
      offset = 0;
    }
  };
  read();
  setInterval(read, 1_000).unref();
  return simulatedClock(spec, () => offset);
}
