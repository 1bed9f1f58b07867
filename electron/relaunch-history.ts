import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJson } from '../playlists/parse.ts';

/** When the app relaunched itself, kept across relaunches so the backoff survives them. */
export interface RelaunchHistory {
  load(): number[];
  save(times: number[]): void;
}

const Times = z.array(z.number()).max(1_000);

export function fileRelaunchHistory(userData: string): RelaunchHistory {
  const file = join(userData, 'relaunches.json');
  return {
    load() {
      try {
        return parseJson(Times, readFileSync(file, 'utf8'), file);
      } catch {
        return []; // missing or damaged: start counting again
      }
    },
    save(times) {
      // Synchronous: the process exits right after.
      writeFileSync(`${file}.tmp`, JSON.stringify(times.slice(-50)));
      renameSync(`${file}.tmp`, file);
    },
  };
}
