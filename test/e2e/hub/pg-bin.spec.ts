import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findPgBin } from './pg-bin.ts';

// Real folders with executable stand-ins: the search looks only at names and permissions.
let root: string;
const bin = (dir: string, tools = ['initdb', 'postgres', 'pg_ctl']) => {
  mkdirSync(dir, { recursive: true });
  for (const tool of tools) writeFileSync(join(dir, tool), '#!/bin/sh\n', { mode: 0o755 });
  return dir;
};
test.beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pano-pgbin-'));
});
test.afterEach(() => rmSync(root, { recursive: true, force: true }));

test('the highest Debian version wins when PATH has none (numeric order: 16 > 15 > 9.6)', () => {
  const lib = join(root, 'lib');
  bin(join(lib, '9.6', 'bin'));
  bin(join(lib, '15', 'bin'));
  const v16 = bin(join(lib, '16', 'bin'));
  bin(join(lib, '17', 'bin'), ['initdb']); // half an installation is passed over
  expect(findPgBin({ PATH: bin(join(root, 'empty'), []) }, lib)).toBe(v16);
});

test('PATH comes before the Debian folders, following a symlinked initdb to its installation', () => {
  const lib = join(root, 'lib');
  bin(join(lib, '16', 'bin'));
  const real = bin(join(root, 'pg15', 'bin'));
  const onPath = join(root, 'local-bin');
  mkdirSync(onPath);
  for (const tool of ['initdb', 'postgres', 'pg_ctl']) symlinkSync(join(real, tool), join(onPath, tool));
  const partial = bin(join(root, 'only-initdb'), ['initdb']);
  expect(findPgBin({ PATH: [partial, onPath].join(delimiter) }, lib)).toBe(real);
});

test('PANO_PG_BIN overrides both, and must hold the tools', () => {
  const lib = join(root, 'lib');
  bin(join(lib, '16', 'bin'));
  const mine = bin(join(root, 'mine'));
  expect(findPgBin({ PANO_PG_BIN: mine, PATH: '' }, lib)).toBe(mine);
  expect(() => findPgBin({ PANO_PG_BIN: join(root, 'nowhere'), PATH: '' }, lib)).toThrow(/PANO_PG_BIN=.*nowhere has no initdb/);
});

test('nothing installed: a message saying what to install', () => {
  expect(() => findPgBin({ PATH: '' }, join(root, 'no-lib'))).toThrow(/install Debian's postgresql package \(or set PANO_PG_BIN\)/);
});

test('this machine: the binaries the suite will run exist', () => {
  // The PostgreSQL suite depends on it; failing here names the cause before initdb does.
  expect(findPgBin()).toMatch(/bin$/);
});
