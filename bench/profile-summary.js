#!/usr/bin/env node
'use strict';
/**
 * Summarizes V8 CPU profiles (from `node --cpu-prof`, one per thread): where the time went, by
 * package and by function (self time), and by phase (module loading, garbage collection, cdktf's
 * token stack traces, synthesis and construct tree per target, blueprint loading and plan, idle,
 * the rest). See docs/performance.md.
 *
 *   node bench/profile-summary.js FILE.cpuprofile... [--top N]
 */
const { readFileSync } = require('node:fs');
const { summarizeProfile } = require('./lib/profile');

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 20;
const files = topAt >= 0 ? args.filter((_, index) => index !== topAt && index !== topAt + 1) : args;
if (files.length === 0) {
  process.stderr.write('usage: node bench/profile-summary.js FILE.cpuprofile... [--top N]\n');
  process.exit(2);
}
for (const file of files) {
  const { totalUs, byPackage, byFunction, phases } = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')));
  const ms = (us) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
  const pct = (us) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
  const print = (title, entries) => {
    process.stdout.write(`\n${title}\n`);
    for (const [name, us] of entries) process.stdout.write(`${ms(us)} ${pct(us)}  ${name}\n`);
  };
  process.stdout.write(`${file}: ${ms(totalUs).trim()} sampled\n`);
  print('by package (self time)', byPackage.slice(0, top));
  print(`top ${top} functions (self time)`, byFunction.slice(0, top));
  print('phases (each sample counted once)', phases);
  process.stdout.write('\n');
}
