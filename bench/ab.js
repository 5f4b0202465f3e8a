#!/usr/bin/env node
'use strict';
/**
 * Alternating A/B comparison of whole commands, each run a fresh process: the variants take turns
 * (their order rotating every round), so a busy neighbour slows them alike, and every figure is a
 * ratio to the first variant within this one run. See docs/performance.md.
 *
 *   node bench/ab.js [--runs N] [--warmup N] -- 'NAME=ENV=1 node a.js …' 'NAME=node b.js …' …
 *
 * Each variant is `NAME=` followed by a shell command (environment assignments allowed); every
 * variant runs once unmeasured first (to fill code caches). Prints medians of wall time, CPU time
 * (user + system, all threads) and peak resident memory (GNU time), and each variant's ratio to the first.
 */
const { measure } = require('./lib/measure');
const { numberOption } = require('./lib/number-option');
const { median, percentile } = require('./lib/stats');

const argv = process.argv.slice(2);
const option = (name, fallback) => numberOption(argv, name, fallback);
const runs = option('--runs', 5);
const warmup = option('--warmup', 1);
const variants = argv.slice(argv.indexOf('--') + 1).map((spec) => {
  const at = spec.indexOf('=');
  return { name: spec.slice(0, at), command: spec.slice(at + 1), samples: [] };
});
if (argv.indexOf('--') < 0 || variants.length === 0) {
  process.stderr.write("usage: node bench/ab.js [--runs N] [--warmup N] -- 'NAME=command' ...\n");
  process.exit(2);
}

async function main() {
  for (let round = -warmup; round < runs; round += 1) {
    const order = variants.map((_, index) => variants[(index + Math.max(round, 0)) % variants.length]);
    for (const variant of order) {
      const result = await measure('sh', ['-c', variant.command]);
      if (result.code !== 0) throw new Error(`${variant.name} exited ${result.code}:\n${result.output.slice(-2000)}`);
      if (round >= 0) variant.samples.push(result);
    }
    if (round >= 0) process.stderr.write(`round ${round + 1}/${runs}: ${variants.map((v) => `${v.name} ${v.samples.at(-1).seconds.toFixed(2)} s`).join(', ')}\n`);
  }
  const [base] = variants;
  const stat = (variant, key) => median(variant.samples.map((sample) => sample[key]));
  process.stdout.write(`${'variant'.padEnd(24)} ${'wall s'.padStart(7)} ${'p90 s'.padStart(7)} ${'cpu s'.padStart(7)} ${'MB'.padStart(5)}  wall/cpu vs ${base.name}\n`);
  for (const variant of variants) {
    const wall = stat(variant, 'seconds');
    const cpu = stat(variant, 'cpuS');
    process.stdout.write(`${variant.name.padEnd(24)} ${wall.toFixed(2).padStart(7)} ${percentile(variant.samples.map((s) => s.seconds), 0.9).toFixed(2).padStart(7)} `
      + `${cpu.toFixed(2).padStart(7)} ${Math.round(Math.max(...variant.samples.map((s) => s.peakMb))).toString().padStart(5)}  `
      + `${(wall / stat(base, 'seconds')).toFixed(2)} / ${(cpu / stat(base, 'cpuS')).toFixed(2)}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
