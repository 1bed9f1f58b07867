import { useCallback, useEffect, useMemo, useState } from 'react';
import { API } from '../../playlists/schemas/operator-api.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';
import { ApiError, call } from '../api/client.ts';
import { useEditor } from '../editor/context.tsx';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';
import { previewDisplays } from './preview-state.ts';
import { PreviewView } from './PreviewView.tsx';

/** The editor's draft, composed by the hub as a screen would get it, played in the real engine (PreviewView). */
export function PreviewPanel({ channel }: { channel: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const editor = useEditor();
  const displays = useMemo(() => previewDisplays(editor.devices, editor.draft.kiosk as { displays?: string[] } | undefined), [editor.devices, editor.draft.kiosk]);
  const [playlist, setPlaylist] = useState<Playlist | null>(null);
  const [error, setError] = useState('');

  const compose = useCallback(async () => {
    setError('');
    try {
      const answer = await call(API.previewDraft, { params: { id: channel }, body: { draft: editor.draft } });
      setPlaylist(answer.playlist);
    } catch (err) {
      setPlaylist(null);
      setError(err instanceof ApiError && err.issues.length ? t('preview.invalid') : apiErrorText(i18n, err));
    }
  }, [channel, editor.draft, i18n, t]);

  useEffect(() => {
    void compose();
    // Compose once on opening; later edits are shown when the operator asks (Show).
  }, []);

  return <PreviewView playlist={playlist} displays={displays} languages={editor.languages} error={error} onShow={() => void compose()} />;
}
