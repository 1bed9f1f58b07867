#!/usr/bin/env node
/**
 * `pano` entry point. A screen runs `pano player` after every boot and power
 * cut, so start-up time is restart-to-ready time: V8's on-disk code cache (in
 * the OS temp folder, or $NODE_COMPILE_CACHE) must be on before any of our
 * modules compile, hence this file imports the command line only afterwards.
 * It is JavaScript on purpose: Node strips TypeScript with a WebAssembly
 * module that takes ~90 ms to start, and with the cache on the .ts modules
 * below come from the cache without it, but a .ts entry would pay it on
 * every start (docs/benchmarks.md, "Start-up").
 */
import { enableCompileCache } from 'node:module';

// Pano runs on the Node it pins (24) and uses node:sqlite and type stripping on purpose: their
// "experimental" notices say nothing an operator can act on, and `pano hub` printed one twice
// at every start. Every other warning (deprecations, listeners) still prints.
const emitWarning = process.emitWarning;
process.emitWarning = function emitUnlessExperimental(warning, ...rest) {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  const name = warning instanceof Error ? warning.name : type;
  if (name === 'ExperimentalWarning') return;
  return emitWarning.call(process, warning, ...rest);
};

enableCompileCache();
await import('./main.ts');
