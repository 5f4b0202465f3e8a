#!/usr/bin/env node
'use strict';
/**
 * Warm Terraform synthesis, per resource: loads and plans the blueprints once, then runs tierup's
 * Terraform synthesis (`synthesizeTf`, as `synth --target tf` does) over all of them N times in this
 * one process and prints the median CPU ms per round and per synthesized resource (rounds after the
 * warm-up ones, so module loading and code warm-up are left out). Run with `node --cpu-prof` to see
 * where a warm round goes. Needs a build (`npx tsc -p tsconfig.json`). See docs/performance.md.
 *
 *   node bench/tf-warm.js [--rounds N] [--warmup N] [--hcl] BLUEPRINT.yaml...
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { numberOption } = require('./lib/number-option');
const { median } = require('./lib/stats');

const argv = process.argv.slice(2);
const option = (name, fallback) => numberOption(argv, name, fallback);
const rounds = option('--rounds', 10);
const warmup = option('--warmup', 3);
const hcl = argv.includes('--hcl');
const files = argv.filter((arg, index) => arg.endsWith('.yaml') && !['--rounds', '--warmup'].includes(argv[index - 1]));
if (files.length === 0) {
  process.stderr.write('usage: node bench/tf-warm.js [--rounds N] [--warmup N] [--hcl] BLUEPRINT.yaml...\n');
  process.exit(2);
}
const dist = join(__dirname, '..', 'dist', 'lib');
const { loadPlans } = require(join(dist, 'cli', 'load-plans'));
const { synthesizeTf } = require(join(dist, 'render', 'tf', 'synthesize'));

const plans = loadPlans(files).map((planned) => planned.plan);
const scratch = mkdtempSync(join(tmpdir(), 'tierup-tf-warm-'));
try {
  const cpu = [];
  let resources = 0;
  for (let round = -warmup; round < rounds; round += 1) {
    const outdir = join(scratch, `round-${round + warmup}`);
    const start = process.cpuUsage();
    resources = 0;
    plans.forEach((plan, index) => {
      for (const stack of synthesizeTf([plan], { outdir: join(outdir, String(index)), hcl }).stacks) resources += stack.resourceCount;
    });
    const used = process.cpuUsage(start);
    if (round >= 0) cpu.push((used.user + used.system) / 1000);
    rmSync(outdir, { recursive: true, force: true });
  }
  const ms = median(cpu);
  process.stdout.write(`${files.length} blueprint(s), ${resources} resources${hcl ? ', HCL' : ''}: median ${ms.toFixed(1)} ms CPU per round `
    + `(${rounds} rounds after ${warmup} warm-up), ${((1000 * ms) / resources).toFixed(1)} µs per resource\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
