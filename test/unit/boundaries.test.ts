import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The folder table of docs/architecture.md, as lint sees it: each row writes
 * a deliberate violation into a virtual file and expects `npm test` (lint) to fail.
 */
const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function errors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('folder boundaries', () => {
  it.each([
    ['playlists/x.ts', "import { readFileSync } from 'node:fs';"],
    ['playlists/x.ts', "import { createHash } from 'crypto';"],
    ['playlists/x.ts', "import { startSync } from '../core/sync.ts';"],
    ['playlists/schemas/x.ts', "import { thing } from '../../core/cache/index.ts';"],
    ['playlists/x.ts', "import React from 'react';"],
    ['core/sync/x.ts', "import { app } from 'electron';"],
    ['core/x.ts', "import Hls from 'hls.js';"],
    ['core/x.ts', "import { App } from '../renderer/App.tsx';"],
    ['core/x.ts', "import { main } from '../electron/main.ts';"],
    ['renderer/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['renderer/playback/x.tsx', "import { createPlayerCore } from '../../core/index.ts';"],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';"],
    ['server/x.ts', "import { BrowserWindow } from 'electron';"],
    ['server/x.tsx', "import React from 'react';"],
    ['server/media/x.ts', "import { App } from '../../studio/app/App.tsx';"],
    ['studio/x.tsx', "import { readFile } from 'node:fs/promises';"],
    ['studio/pages/x.tsx', "import { createHub } from '../../server/hub.ts';"],
    ['studio/editor/x.ts', "import { createPlayerCore } from '../../core/index.ts';"],
    ['studio/x.ts', "import { app } from 'electron';"],
    ['cli/x.ts', "import { app } from 'electron';"],
    ['electron/x.ts', "import { App } from '../renderer/App.tsx';"],
  ])('%s: %s fails lint', async (file, code) => {
    expect(await errors(file, code)).not.toEqual([]);
  });

  it.each([
    ['playlists/x.ts', "import { z } from 'zod';"],
    ['playlists/x.ts', "import { ed25519 } from '@noble/curves/ed25519.js';"],
    ['core/x.ts', "import { readFile } from 'node:fs/promises';\nimport { Playlist } from '../playlists/schemas/playlist.ts';"],
    ['renderer/x.tsx', "import Hls from 'hls.js';\nimport { Playlist } from '../playlists/schemas/playlist.ts';"],
    ['studio/preview/x.tsx', "import { whatPlays } from '../../playlists/scheduler/index.ts';\nimport { App } from '../../renderer/app/App.tsx';\nimport { useSortable } from '@dnd-kit/sortable';"],
    ['electron/x.ts', "import { app } from 'electron';\nimport { headlessPorts } from '../core/ports.ts';"],
    ['server/x.ts', "import { createServer } from 'node:http';\nimport { headlessPorts } from '../core/ports.ts';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await errors(file, code)).toEqual([]);
  });
});

describe('one door to JSON.parse', () => {
  const parseErrors = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-properties');
  };
  it.each(['core/x.ts', 'server/reports/x.ts', 'cli/x.ts', 'playlists/x.ts'])('%s: a bare JSON.parse fails lint', async (file) => {
    expect(await parseErrors(file, 'export const v: unknown = JSON.parse("{}");')).not.toEqual([]);
  });
  it('playlists/parse.ts, the door itself, may call it', async () => {
    expect(await parseErrors('playlists/parse.ts', 'export const v: unknown = JSON.parse("{}");')).toEqual([]);
  });
});
