import type { RendererEvent, PlayRecord } from '../../playlists/schemas/reports.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { NowPlaying } from './heartbeat.ts';
import type { PlayRecorder } from './plays.ts';
import type { RendererPath } from './renderer-path.ts';

/** Who posted a batch: the page's display (absent: the first) and how many events it still held. */
export interface PagePost {
  display?: string | undefined;
  held: number;
}

/**
 * What the local API does with a batch from a page: interactions into the
 * outbox, plays into the chain (each on disk before the batch is answered),
 * what plays now for the heartbeat, and the post itself for the path watch.
 * An empty batch is a page saying it is alive.
 */
export function pageEvents(o: {
  outbox: () => Outbox;
  recorder: () => PlayRecorder;
  nowPlaying: Map<string, NowPlaying>;
  path: () => RendererPath | undefined;
  recorded(record: PlayRecord): void;
  kick(): void;
}): (events: RendererEvent[], from: PagePost) => Promise<void> {
  return async (events, from) => {
    let starts = 0;
    for (const e of events) {
      if (e.type === 'interaction') {
        await o.outbox().append('event', e.id, e, Date.parse(e.at));
        continue;
      }
      const key = `${e.display}/${e.zone}`;
      if (e.phase === 'start') {
        starts++;
        o.nowPlaying.set(key, { display: e.display, zone: e.zone, itemId: e.itemId, kind: e.kind, since: e.at });
      } else if (o.nowPlaying.get(key)?.itemId === e.itemId) o.nowPlaying.delete(key);
      const record = await o.recorder().event(e);
      if (record) o.recorded(record);
    }
    o.path()?.posted(from.display, from.held, events.length, starts);
    if (events.length > 0) o.kick();
  };
}
