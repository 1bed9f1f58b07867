#!/usr/bin/env node
/**
 * `npm run bench [-- --quick] [-- area…]`: runs every test/bench/*.bench.ts,
 * prints one line per figure with its same-run baseline and target.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchModule, BenchResult } from './harness.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((a) => !a.startsWith('--'));
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const results: BenchResult[] = [];
let failed = false;
for (const file of files) {
  console.log(`\n▶ ${file}`);
  try {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as BenchModule;
    for (const r of await mod.run({ quick })) {
      results.push(r);
      console.log(format(r));
    }
  } catch (error) {
    failed = true;
    console.error(`  ✗ ${file} failed: ${(error as Error).stack ?? String(error)}`);
  }
}

function format(r: BenchResult): string {
  const v = `${round(r.value)} ${r.unit}`;
  const base = r.baseline ? `  baseline ${r.baseline.name}: ${round(r.baseline.value)} ${r.unit} (ratio ${round(r.value / r.baseline.value)}×)` : '';
  const target = r.target ? `  target ${r.target}: ${r.pass ? 'met' : 'NOT met'}` : '';
  return `  ${r.area} · ${r.name}: ${v}${base}${target}`;
}

function round(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
}

console.log(`\n${results.length} figures from ${files.length} bench files${failed ? ', some failed' : ''}.`);
process.exitCode = failed ? 1 : 0;
