import { accessSync, constants, readdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** What the test PostgreSQL needs, all from one installation. */
const TOOLS = ['initdb', 'postgres', 'pg_ctl'];

const hasTools = (dir: string) =>
  TOOLS.every((tool) => {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** "9.6" < "15" < "16": numeric per dotted part, not string order. */
function byVersionDesc(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The folder holding initdb, postgres and pg_ctl: $PANO_PG_BIN when set; else
 * the first PATH folder that has all three (a symlink there is followed, so
 * pg_ctl and postgres come from the same installation as initdb); else
 * Debian's /usr/lib/postgresql/<version>/bin, highest version first, which is
 * where the package puts them without touching PATH.
 */
export function findPgBin(env: NodeJS.ProcessEnv = process.env, libDir = '/usr/lib/postgresql'): string {
  if (env.PANO_PG_BIN) {
    if (!hasTools(env.PANO_PG_BIN)) throw new Error(`PANO_PG_BIN=${env.PANO_PG_BIN} has no ${TOOLS.join('/')}`);
    return env.PANO_PG_BIN;
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (!hasTools(dir)) continue;
    const real = dirname(realpathSync(join(dir, 'initdb')));
    return hasTools(real) ? real : dir;
  }
  let versions: string[] = [];
  try {
    versions = readdirSync(libDir).filter((v) => /^\d+(\.\d+)*$/.test(v));
  } catch {
    // No Debian layout: fall through to the error below.
  }
  for (const version of versions.sort(byVersionDesc)) {
    const dir = join(libDir, version, 'bin');
    if (hasTools(dir)) return dir;
  }
  throw new Error(`PostgreSQL binaries (${TOOLS.join(', ')}) not found on PATH or in ${libDir}/*/bin: install Debian's postgresql package (or set PANO_PG_BIN)`);
}
