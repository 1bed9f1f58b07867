#!/usr/bin/env node
/**
 * `pano` entry point. A screen runs `pano player` after every boot and power
 * cut, so start-up time is restart-to-ready time: V8's on-disk code cache (in
 * the OS temp folder, or $NODE_COMPILE_CACHE) must be on before any of our
 * modules compile, hence this file imports the command line only afterwards.
 */
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./main.ts');
