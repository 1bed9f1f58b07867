import type { z } from 'zod';
import type { Heartbeat } from '../../playlists/schemas/reports.ts';
import { useI18n } from '../i18n/index.tsx';

type Beat = z.infer<typeof Heartbeat>;

/**
 * Chromium's memory on the screen and the last fresh start the player chose
 * for it (docs/renderer.md, "Memory over months"): the page's renderer against
 * its baseline and limit, and whether a fresh start waits for closing time or
 * for the end of an item. Absent under shells that do not report it.
 */
export function RendererMemory({ heartbeat }: { heartbeat: Beat | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const memory = heartbeat?.rendererMemory;
  if (!memory) return null;
  const last = heartbeat.maintenance;
  const size = (mb: number) => i18n.size(mb * 1024 * 1024);
  return (
    <>
      <dt>{t('screen.memory')}</dt>
      <dd id="renderer-memory">
        {memory.length === 0 && t('screen.memoryNone')}
        {memory.map((m) => (
          <div key={m.display}>
            {m.baselineMb === null
              ? t('screen.memoryNoBaseline', { display: m.display, renderer: size(m.rendererMb), limit: size(m.limitMb) })
              : t('screen.memoryLine', { display: m.display, renderer: size(m.rendererMb), baseline: size(m.baselineMb), limit: size(m.limitMb) })}
            {m.restartWaits && <span className="muted"> {t(m.restartWaits === 'closed' ? 'screen.memoryWaitsClosed' : 'screen.memoryWaitsItem')}</span>}
          </div>
        ))}
      </dd>
      <dt>{t('screen.maintenance')}</dt>
      <dd id="maintenance">
        {last
          ? t(last.reason === 'memory' ? 'screen.maintenanceMemory' : 'screen.maintenanceDaily', { display: last.display, at: i18n.dateTime(last.at), renderer: size(last.rendererMb) })
          : t('screen.maintenanceNone')}
      </dd>
    </>
  );
}
