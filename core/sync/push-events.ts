import { isPanoError, type ErrorCode } from '../../playlists/errors.ts';
import { parseJson } from '../../playlists/parse.ts';
import { Command, type Command as CommandT } from '../../playlists/schemas/device-api.ts';
import type { SseEvent } from './push.ts';

/**
 * What each push event does. Events only trigger work: a `playlist` hint makes
 * the core poll, a `command` runs, `settings` is applied only once its
 * signature holds (core/sync/settings.ts). A bad event is reported, never fatal.
 */
export function pushEventHandler(h: { playlist(): void; command(c: CommandT): void; settings(data: string): Promise<void>; fail(code: ErrorCode, message: string): void }): (e: SseEvent) => void {
  const report = (error: unknown) => h.fail(isPanoError(error) ? error.code : 'MALFORMED', (error as Error).message);
  return (e) => {
    try {
      if (e.event === 'playlist') h.playlist();
      if (e.event === 'command') h.command(parseJson(Command, e.data, 'push command', { maxBytes: 64 * 1024 }));
      if (e.event === 'settings') h.settings(e.data).catch(report);
    } catch (error) {
      report(error);
    }
  };
}
