// Lint, and the folder boundaries of docs/architecture.md: each folder runs in
// one runtime, so each may import only what that runtime has.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const msg = (what) => `${what} (see docs/architecture.md, "Folders, one runtime each")`;

const noNode = { paths: [], patterns: [{ group: ['node:*'], message: msg('This folder runs anywhere or in a browser: no Node built-ins') }] };
const builtinPaths = (why) => nodeBuiltins.filter((m) => !m.startsWith('node:')).map((name) => ({ name, message: msg(why) }));
const onlyElectron = { name: 'electron', message: msg('Only electron/ imports electron') };
const noUi = ['react', 'react-dom', 'react-dom/client', 'hls.js'].map((name) => ({ name, message: msg('UI libraries belong to renderer/ and studio/') }));
const folder = (name, why) => ({ regex: `^(\\.\\./)+(\\.\\./)*${name}(/|$)`, message: msg(why) });

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '**/dist/', 'test-results/', 'playwright-report/', '.data/', 'test/fixtures/media/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [onlyElectron] }],
    },
  },
  {
    files: ['playlists/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [onlyElectron, ...noUi, ...builtinPaths('playlists/ is pure: no Node built-ins')],
        patterns: [
          ...noNode.patterns,
          folder('core', 'playlists/ is pure: it may not import core/'),
          folder('server', 'playlists/ may not import server/'),
          folder('renderer', 'playlists/ may not import renderer/'),
          folder('electron', 'playlists/ may not import electron/'),
          folder('cli', 'playlists/ may not import cli/'),
        ],
      }],
    },
  },
  {
    files: ['core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [onlyElectron, ...noUi],
        patterns: [
          folder('renderer', 'core/ may not import renderer/'),
          folder('server', 'core/ may not import server/'),
          folder('electron', 'core/ may not import electron/: shells implement core ports instead'),
          folder('cli', 'core/ may not import cli/'),
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [onlyElectron, ...builtinPaths('Browser code: no Node built-ins')],
        patterns: [
          ...noNode.patterns,
          folder('core', 'Browser code never imports core/: it talks to the local API'),
          folder('server', 'renderer/ may not import server/'),
          folder('electron', 'Browser code may not import electron/'),
          folder('cli', 'Browser code may not import cli/'),
        ],
      }],
    },
  },
  {
    // The operators' studio: a browser app. It may use playlists/ (schemas, scheduler) and the
    // renderer's engine for the preview, never the hub's Node code, the core, or Node built-ins.
    files: ['studio/**/*.{ts,tsx}'],
    ignores: ['studio/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [onlyElectron, ...builtinPaths('studio/ runs in the browser: no Node built-ins')],
        patterns: [
          ...noNode.patterns,
          folder('server', "studio/ talks to the hub over its JSON API, never imports the hub's code"),
          folder('core', 'studio/ never imports core/: the preview runs the renderer bundle'),
          folder('electron', 'studio/ may not import electron/'),
          folder('cli', 'studio/ may not import cli/'),
          folder('shells', 'studio/ may not import shells/'),
        ],
      }],
    },
  },
  {
    // The hub: Node only. Its operators' pages are studio/ (a browser app it serves as files), never imported.
    files: ['server/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [onlyElectron, ...noUi],
        patterns: [
          folder('renderer', 'server/ may not import renderer/'),
          folder('studio', 'server/ may not import studio/: it serves the built files'),
          folder('electron', 'server/ may not import electron/'),
          folder('cli', 'server/ may not import cli/'),
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: noUi,
        patterns: [
          folder('renderer', 'electron/ loads the renderer by URL, never by import'),
          folder('server', 'electron/ may not import server/'),
        ],
      }],
    },
  },
  {
    // One door to JSON.parse (playlists/parse.ts): size, depth and object-count caps before any parsing
    // (docs/signing.md, "Parsing caps").
    files: ['playlists/**/*.ts', 'core/**/*.ts', 'server/**/*.ts', 'cli/**/*.ts'],
    ignores: ['playlists/parse.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'JSON', property: 'parse', message: 'Parse JSON with parseJson / parseJsonText of playlists/parse.ts: they cap size, depth and object count first.' }],
    },
  },
  {
    // Tests may reach anything (fixtures, node:*), and poke at untyped data on purpose.
    files: ['test/**/*.{ts,tsx}', '**/*.test.{ts,tsx}', '*.config.{ts,js}'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-properties': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
