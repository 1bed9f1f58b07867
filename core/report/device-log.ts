import { join } from 'node:path';
import type { CoreEvents } from '../events.ts';
import type { Emitter } from '../util/emitter.ts';
import { LogFile } from './log-file.ts';

/**
 * The player's log (what `pano player` prints, kept on disk for a `log` pull):
 * what it adopted, refused, failed at, which commands came, which phase it is
 * in. <dataDir>/logs/player.log, size-capped and rotated (log-file.ts). The
 * device token and the local API token are redacted before anything is written.
 */
export function keepDeviceLog(bus: Emitter<CoreEvents>, dataDir: string, secrets: () => readonly (string | undefined)[]): LogFile {
  const file = new LogFile(join(dataDir, 'logs'), { secrets });
  bus.on('adopted', (p) => void file.write(`adopted ${p.channel} v${p.version} (${p.sha256.slice(0, 12)})`));
  bus.on('rejected', (r) => void file.write(`rejected: ${r.code}: ${r.message}`));
  bus.on('error', (e) => void file.write(`${e.type}: ${e.code}: ${e.message}${e.fatal ? ' (fatal)' : ''}`));
  // The hub offers a command again until its answer arrives: log each id once.
  const commands = new Set<string>();
  bus.on('command', (c) => {
    if (commands.has(c.id)) return;
    if (commands.add(c.id).size > 1_000) commands.delete(commands.values().next().value!);
    void file.write(`command ${c.name} (${c.id})`);
  });
  bus.on('root', (r) => void file.write(`root v${r.version} trusted, expires ${r.expiresAt}`));
  bus.on('revoked', () => void file.write('pairing revoked by the hub: pairing again'));
  bus.on('settings', (s) => void file.write(`settings v${s.settingsVersion} applied (tags ${s.tags.join(",") || "none"}, zone ${s.timeZone})`));
  let phase = '';
  bus.on('state', (s) => {
    if (s.phase === phase) return;
    phase = s.phase;
    void file.write(`phase ${s.phase}${s.pairing ? ` (pairing code ${s.pairing.code})` : ''}`);
  });
  return file;
}
