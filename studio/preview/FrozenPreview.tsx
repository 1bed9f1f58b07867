import { useMemo } from 'react';
import { decodeBase64 } from '../../playlists/base64.ts';
import { parseJsonBytes } from '../../playlists/parse.ts';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import { useI18n } from '../i18n/index.tsx';
import { previewDisplays } from './preview-state.ts';
import { PreviewView } from './PreviewView.tsx';

/**
 * Exactly the bytes an approver signs, played by the real engine: the frozen
 * submission's payload, parsed here in the browser (not the channel's draft,
 * which may have moved on). Asset URLs in a payload are relative to the feed
 * (../media/<sha256>); from the studio the same files are at /media/<sha256>.
 */
export function FrozenPreview({ payload }: { payload: string }) {
  const { t } = useI18n();
  const parsed = useMemo(() => {
    try {
      const playlist = parseJsonBytes(Playlist, decodeBase64(payload), 'frozen submission');
      for (const asset of Object.values(playlist.assets)) asset.urls = asset.urls.map((u) => (u.startsWith('../media/') ? u.slice(2) : u));
      return playlist;
    } catch {
      return null;
    }
  }, [payload]);
  const displays = useMemo(() => previewDisplays([], parsed?.kiosk as { displays?: string[] } | undefined), [parsed]);
  const languages = [...new Set([parsed?.defaults.language ?? 'vi', 'vi', 'en'])];
  return <PreviewView playlist={parsed} displays={displays} languages={languages} error={parsed ? '' : t('preview.invalid')} onShow={() => undefined} />;
}
