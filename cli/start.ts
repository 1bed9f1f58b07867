#!/usr/bin/env node
/**
 * `npm start`: the one-command demo. Until the hub, player and shells are
 * assembled, it says what it will do and where each part lives.
 */
const lines = [
  'Pano demo (npm start)',
  '',
  'When complete, this command will:',
  '  1. start a hub (SQLite in ./.data/hub) and print the dashboard URL and login;',
  '  2. create demo keys and a root, sign and publish the bundled Cà Mau demo channel;',
  '  3. pair a local player automatically and open it fullscreen (Electron if installed, else Chromium).',
  '',
  'Not assembled yet. What works today:',
  '  npx pano --help                     the CLI: keygen, root, sign, verify',
  '  playlists/examples/*.json           example playlists (every item kind)',
  '  docs/playlist-format.md             the playlist format, field by field',
  '  npm test                            lint, type-check, unit and end-to-end tests',
];
console.log(lines.join('\n'));
