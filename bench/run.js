#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: times `tierup synth` against the same level-4 architecture written by hand in
 * aws-cdk-lib and cdktf, plus every example, a level-6 blueprint growing to 100 services, start-up,
 * a warm re-synthesis in `synth --watch`, and where each thread's time goes (the phase split);
 * tierup on its synth pool with a warm code cache and a cold one, on one thread, and with neither
 * the cache nor the pool. Prints one table and writes bench/results/latest.json. See docs/performance.md.
 *
 *   node bench/run.js [--runs N] [--quick] [--target cfn|tf|both] [--only a,v,b,c,d,e,p] [--tierup FILE]
 */
const { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { loadavg, tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { describeMachine } = require('./lib/machine');
const { MEMORY_METHOD } = require('./lib/measure');
const { formatMachine, formatTable } = require('./lib/report');
const { createScenarios } = require('./lib/scenarios');

const ROOT = resolve(__dirname, '..');
const USAGE = 'usage: node bench/run.js [--runs N] [--quick] [--target cfn|tf|both] [--only a,v,b,c,d,e,p] [--tierup FILE]';
const SCENARIO_KEYS = ['a', 'v', 'b', 'c', 'd', 'e', 'p'];

function parseFlags(argv) {
  const flags = { runs: null, quick: false, target: 'both', only: null, tierup: join(ROOT, 'dist', 'bin', 'tierup.js') };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = () => {
      index += 1;
      if (argv[index] === undefined) fail(`${flag} needs a value`);
      return argv[index];
    };
    if (flag === '--quick') flags.quick = true;
    else if (flag === '--runs') flags.runs = Number(value());
    else if (flag === '--target') flags.target = value();
    else if (flag === '--only') flags.only = value().split(',');
    // Another build's CLI, e.g. an older commit's dist/bin/tierup.js checked out elsewhere, to compare builds.
    else if (flag === '--tierup') flags.tierup = resolve(value());
    else if (flag === '--help') fail(USAGE, 0);
    else fail(`unknown flag ${flag}`);
  }
  if (flags.runs !== null && !(Number.isInteger(flags.runs) && flags.runs >= 1)) fail('--runs must be a whole number >= 1');
  if (!['cfn', 'tf', 'both'].includes(flags.target)) fail('--target must be cfn, tf or both');
  // The validating comparison (v) is the slowest scenario by far; --quick leaves it out.
  flags.only ??= flags.quick ? ['a', 'b', 'c', 'd', 'e', 'p'] : ['a', 'v', 'b', 'c', 'd', 'e', 'p'];
  if (flags.only.some((key) => !SCENARIO_KEYS.includes(key))) fail(`--only takes letters among ${SCENARIO_KEYS.join(',')}`);
  return { ...flags, runs: flags.runs ?? (flags.quick ? 1 : 5) };
}

function fail(message, code = 2) {
  (code === 0 ? process.stdout : process.stderr).write(`${message}\n`);
  process.exit(code);
}

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  if (!existsSync(flags.tierup)) fail(`${flags.tierup} is missing: run \`npm run build\` (npm run bench does)`, 1);
  const machine = describeMachine(ROOT);
  const scratch = mkdtempSync(join(tmpdir(), 'tierup-bench-'));
  const log = (line) => process.stderr.write(`${line}\n`);
  const scenarios = createScenarios({ root: ROOT, scratch, runs: flags.runs, quick: flags.quick, target: flags.target, tierupBin: flags.tierup, log });
  const plan = {
    a: [['level 4 vs hand-written', () => scenarios.levelFour(false)]],
    v: [['level 4 vs hand-written, validating', () => scenarios.levelFour(true)]],
    b: [['all examples', scenarios.allExamples]],
    c: [['level 6 growth', scenarios.serviceGrowth]],
    d: [['start-up', scenarios.startup]],
    e: [['warm re-synthesis', scenarios.watchResynth]],
    p: [['phase split', scenarios.phaseSplit]],
  };
  const rows = [];
  const errors = [];
  try {
    for (const key of flags.only) {
      for (const [name, scenario] of plan[key]) {
        try {
          rows.push(...(await scenario()));
        } catch (error) {
          errors.push({ scenario: name, message: error.message });
          log(`${name} failed: ${error.message}`);
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const loadAtEnd = loadavg().map((load) => Math.round(load * 100) / 100);
  const header = `${formatMachine(machine, MEMORY_METHOD)}\nload average at end ${loadAtEnd.join(' / ')}; ${flags.runs} run(s) per scenario, target ${flags.target}`;
  const resources = scenarios.details;
  const counts = [
    resources.tierupCfnResources !== undefined && `L4 resources: tierup cfn ${resources.tierupCfnResources}, tf ${resources.tierupTfResources}`,
    resources.handwrittenCfnResources !== undefined && `hand-written cfn ${resources.handwrittenCfnResources}`,
    resources.handwrittenTfResources !== undefined && `hand-written tf ${resources.handwrittenTfResources}`,
  ].filter(Boolean).join('; ');
  process.stdout.write(`${header}\n${counts ? `${counts}\n` : ''}\n${formatTable(rows)}\n`);
  for (const error of errors) process.stdout.write(`\nFAILED ${error.scenario}: ${error.message}\n`);

  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const report = { date: new Date().toISOString(), flags, machine: { ...machine, loadAverageAtEnd: loadAtEnd }, memoryMethod: MEMORY_METHOD, rows, details: resources, errors };
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nwrote bench/results/latest.json\n`);
  process.exitCode = errors.length > 0 ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
