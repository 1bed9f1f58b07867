import { describe, expect, it } from 'vitest';
import { acceptPreview } from './preview.ts';

const state = {
  deviceId: 'preview',
  phase: 'ready',
  playlist: null,
  media: {},
  assetHashes: {},
  progress: { assetsReady: 0, assetsTotal: 0, bytesDone: 0, bytesTotal: 0 },
  timeZone: 'Asia/Ho_Chi_Minh',
  language: 'en',
  displays: [{ id: 'main', orientation: 'landscape', touch: false }],
  clockOffsetMs: 0,
  pairing: null,
  lastError: null,
  reloadToken: 0,
};

describe('preview messages', () => {
  const parent = {} as Window;
  const win = { location: { origin: 'https://hub.example' }, parent } as unknown as Window;
  const data = { type: 'pano-preview', state, at: '2026-11-23T01:00:00Z' };

  it('takes a well-formed state from the framing page of its own origin', () => {
    expect(acceptPreview({ origin: 'https://hub.example', source: parent, data }, win)?.at).toBe('2026-11-23T01:00:00Z');
  });

  it('ignores other origins, other windows and malformed messages', () => {
    expect(acceptPreview({ origin: 'https://evil.example', source: parent, data }, win)).toBeNull();
    expect(acceptPreview({ origin: 'https://hub.example', source: {} as Window, data }, win)).toBeNull();
    expect(acceptPreview({ origin: 'https://hub.example', source: parent, data: { ...data, at: 'monday' } }, win)).toBeNull();
  });
});
