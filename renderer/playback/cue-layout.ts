/**
 * Where subtitles go. Chromium does not move cues that are not snap-to-lines
 * out of each other's way and ignores `lineAlign` (a cue's `line` is always
 * its top), so cues are placed here: bottom-aligned in a safe area, and with
 * two languages shown at once (`both`) the upper language's row sits on top
 * of the lower one's tallest cue. Line counts are measured with the cue font
 * on a canvas, as the browser will wrap them.
 */

/** Bottom of the subtitle block, % of the picture: clear of overscan and bezels. */
const SAFE_BOTTOM = 90;
/** Share of the picture width a cue may use (%). */
const CUE_SIZE = 84;
/** As `video::cue` in styles.css: font-size max(24px, 6.2vh), bold, line-height 1.3. */
const cueFontPx = () => Math.max(24, 0.062 * window.innerHeight);
const LINE_HEIGHT = 1.3;

/** Lines a text takes when wrapped at word boundaries within `maxWidth`. */
export function wrappedLines(text: string, measure: (s: string) => number, maxWidth: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines++;
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && measure(next) > maxWidth) {
        lines++;
        line = word;
      } else line = next;
    }
  }
  return Math.max(1, lines);
}

/** Places the cues without a position of `rows` (top to bottom) over `video`. */
export function placeCueRows(video: HTMLVideoElement, rows: readonly TextTrack[]): void {
  const fontPx = cueFontPx();
  const rowPct = ((fontPx * LINE_HEIGHT) / Math.max(1, video.clientHeight)) * 100;
  const ctx = document.createElement('canvas').getContext('2d');
  if (ctx) ctx.font = `700 ${fontPx}px ${getComputedStyle(video).fontFamily}`;
  const measure = (s: string) => (ctx ? ctx.measureText(s).width : s.length * fontPx * 0.6);
  // A little narrower than the cue box: a line is rather counted once too often than overlapped.
  const maxWidth = (video.clientWidth * (CUE_SIZE - 6)) / 100;
  let bottom = SAFE_BOTTOM;
  for (const track of [...rows].reverse()) {
    let tallest = 0;
    for (const cue of Array.from(track.cues ?? [])) {
      if (!(cue instanceof VTTCue) || cue.line !== 'auto') continue;
      const lines = wrappedLines(cue.getCueAsHTML().textContent ?? cue.text, measure, maxWidth);
      cue.snapToLines = false;
      cue.line = bottom - lines * rowPct;
      cue.size = CUE_SIZE;
      tallest = Math.max(tallest, lines);
    }
    bottom -= tallest * rowPct;
  }
}
