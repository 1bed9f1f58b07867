import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { PageBlock } from '../../../playlists/schemas/kiosk.ts';
import { subtitleLanguages } from '../../i18n/modes.ts';
import { nativeLanguageName } from '../../i18n/ui.ts';
import { Text, useKiosk } from '../context.tsx';

type VideoBlockData = Extract<PageBlock, { kind: 'video' }>;

/**
 * A cached video, muted until the visitor asks for sound, with the subtitle
 * track that best matches the visitor's language (same rules as texts).
 */
export function VideoBlock({ block }: { block: VideoBlockData }): ReactNode {
  const { media, chain, t } = useKiosk();
  const video = useRef<HTMLVideoElement>(null);
  const [muted, setMuted] = useState(true);
  const [paused, setPaused] = useState(false);
  const tracks = Object.fromEntries(Object.entries(block.subtitles ?? {}).filter(([, asset]) => media[asset] !== undefined));
  const shown = subtitleLanguages(tracks, [chain])[0];

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    // Chromium picks a track by the browser's own language when tracks load: re-apply ours whenever the list changes.
    const apply = () => {
      for (const track of Array.from(element.textTracks)) {
        const mode = track.language === shown ? 'showing' : 'disabled';
        if (track.mode !== mode) track.mode = mode;
      }
    };
    apply();
    element.textTracks.addEventListener('addtrack', apply);
    element.textTracks.addEventListener('change', apply);
    return () => {
      element.textTracks.removeEventListener('addtrack', apply);
      element.textTracks.removeEventListener('change', apply);
    };
  }, [shown]);

  const src = media[block.asset];
  if (!src) return null;
  return (
    <figure className="pano-figure pano-video">
      <video
        ref={video}
        src={src}
        muted={muted}
        autoPlay
        loop
        playsInline
        disablePictureInPicture
        controls={false}
        data-subtitles={shown ?? ''}
        onPlay={() => setPaused(false)}
        onPause={() => setPaused(true)}
      >
        {Object.entries(tracks).map(([lang, asset]) => (
          <track key={lang} kind="subtitles" srcLang={lang} label={nativeLanguageName(lang)} src={media[asset]} />
        ))}
      </video>
      <div className="pano-video-bar">
        <button
          type="button"
          className="pano-button"
          onClick={() => {
            const element = video.current;
            if (!element) return;
            if (element.paused) void element.play().catch(() => setPaused(true));
            else element.pause();
          }}
        >
          {paused ? t('videoPlay') : t('videoPause')}
        </button>
        <button type="button" className="pano-button" aria-pressed={!muted} onClick={() => setMuted((m) => !m)}>
          {muted ? t('videoSound') : t('videoMute')}
        </button>
        {block.caption && <Text as="span" className="pano-video-caption" text={block.caption} />}
      </div>
    </figure>
  );
}
