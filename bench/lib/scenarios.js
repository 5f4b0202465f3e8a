'use strict';
/**
 * The four benchmark scenarios. Each returns table rows; runs of the things being compared alternate,
 * so that a noisy neighbour slows both sides alike, and every ratio comes from the same run.
 */
const { mkdirSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { measure } = require('./measure');
const { countCfnResources, countTfResources } = require('./resource-count');
const { serviceBlueprint } = require('./service-blueprint');
const { linearFit, median, percentile } = require('./stats');

const SERVICE_COUNTS = [10, 25, 50, 100];
/** Environment of every run: no telemetry or update checks (no network here), no colours. */
const QUIET_ENV = { CHECKPOINT_DISABLE: '1', NO_COLOR: '1', FORCE_COLOR: '0' };

/** Creates the scenario runner for one invocation of bench/run.js. */
function createScenarios({ root, scratch, runs, quick, target, tierupBin, log }) {
  const cdkBin = join(root, 'node_modules', '.bin', 'cdk');
  const cdktfBin = join(root, 'node_modules', '.bin', 'cdktf');
  const handwritten = join(root, 'bench', 'handwritten');
  const withCfn = target !== 'tf';
  const withTf = target !== 'cfn';
  const details = {};

  /** One measured run; a failing command stops the scenario with its output. */
  async function run(label, command, args, cwd = root, env = {}) {
    const result = await measure(command, args, { cwd, env: { ...QUIET_ENV, ...env } });
    if (result.code !== 0) throw new Error(`${label} exited with ${result.code}:\n${result.output.trim().slice(-2000)}`);
    log(`  ${label}: ${result.seconds.toFixed(2)} s, ${Math.round(result.peakMb)} MB`);
    return result;
  }

  const fresh = (name) => {
    const dir = join(scratch, name);
    rmSync(dir, { recursive: true, force: true });
    return dir;
  };
  const tierup = (label, args) => run(label, process.execPath, [tierupBin, ...args, '--quiet']);
  const tierupSynth = (label, specs, out, extra = []) => tierup(label, ['synth', ...specs, '--target', target, '--out', out, ...extra]);

  /** The hand-written pair: `cdk synth` and `cdktf synth` as their users run them; `validating` keeps CDK's default validation. */
  async function handwrittenPair(label, validating) {
    const parts = [];
    if (withCfn) {
      const out = fresh('handwritten-cdk.out');
      const flags = validating ? [] : ['--no-validation'];
      parts.push(await run(`${label} cdk synth`, cdkBin, ['synth', ...flags, '-o', out, '-q'], join(handwritten, 'cdk')));
      details.handwrittenCfnResources = countCfnResources(out);
    }
    if (withTf) {
      const out = fresh('handwritten-cdktf.out');
      parts.push(await run(`${label} cdktf synth`, cdktfBin, ['synth', '--output', out], join(handwritten, 'cdktf')));
      details.handwrittenTfResources = countTfResources(out);
    }
    return { seconds: parts.reduce((sum, part) => sum + part.seconds, 0), peakMb: Math.max(...parts.map((part) => part.peakMb)), parts };
  }

  /** Level 4 against the hand-written pair; `validating` compares `--validate` with CDK's validating default. */
  async function levelFour(validating) {
    const spec = join(root, 'blueprints', 'shop-4-fleet.yaml');
    const ours = [];
    const theirs = [];
    const name = validating ? 'L4 with CFN validation' : 'L4';
    for (let index = 0; index < runs; index += 1) {
      log(`${name}, run ${index + 1}/${runs}`);
      const measureOurs = async () => {
        const out = fresh('tierup-l4');
        ours.push(await tierupSynth('tierup synth', [spec], out, validating ? ['--validate'] : []));
        details.tierupCfnResources = countCfnResources(join(out, 'cdk.out'));
        details.tierupTfResources = countTfResources(join(out, 'cdktf.out'));
      };
      const measureTheirs = async () => theirs.push(await handwrittenPair('hand-written', validating));
      // Alternate who goes first, so neither side always meets a warm (or a busy) machine.
      if (index % 2 === 0) { await measureOurs(); await measureTheirs(); } else { await measureTheirs(); await measureOurs(); }
    }
    const ratio = median(theirs.map((r) => r.seconds)) / median(ours.map((r) => r.seconds));
    const flag = validating ? ' --validate' : '';
    const pairName = [withCfn && 'cdk synth', withTf && 'cdktf synth'].filter(Boolean).join(' + ');
    const rows = [
      row(`${name}: tierup synth --target ${target}${flag}`, ours, {
        result: `${ratio.toFixed(1)}x faster`, goal: validating ? '(informational)' : '>= 10x faster', met: validating ? null : ratio >= 10,
      }),
      row(`${name}: hand-written ${pairName}${validating ? ' (CDK validating)' : ''}`, theirs, { result: 'baseline', goal: '', met: null }),
    ];
    if (withCfn && withTf) {
      rows.push(row(`${name}:   of which cdk synth`, theirs.map((r) => r.parts[0]), { result: '', goal: '', met: null }));
      rows.push(row(`${name}:   of which cdktf synth`, theirs.map((r) => r.parts[1]), { result: '', goal: '', met: null }));
    }
    return rows;
  }

  /** Every example blueprint in one call. */
  async function allExamples() {
    const specs = readdirSync(join(root, 'blueprints')).filter((file) => file.endsWith('.yaml')).sort().map((file) => join(root, 'blueprints', file));
    const results = [];
    for (let index = 0; index < runs; index += 1) {
      log(`all examples, run ${index + 1}/${runs}`);
      const out = fresh('tierup-examples');
      results.push(await tierupSynth(`tierup synth ${specs.length} blueprints`, specs, out));
      details.examplesCfnResources = countCfnResources(out);
      details.examplesTfResources = countTfResources(out);
    }
    const medianS = median(results.map((r) => r.seconds));
    return [row(`all ${specs.length} examples, one call`, results, { result: '', goal: '< 3 s', met: medianS < 3 })];
  }

  /** A level-6 blueprint from 10 to 100 services: time, memory and how time grows per service. */
  async function serviceGrowth() {
    const counts = quick ? [10, 100] : SERVICE_COUNTS;
    const specs = new Map(counts.map((count) => {
      const file = join(scratch, 'blueprints', `services-${count}.yaml`);
      mkdirSync(join(scratch, 'blueprints'), { recursive: true });
      writeFileSync(file, serviceBlueprint(root, count));
      return [count, file];
    }));
    const results = new Map(counts.map((count) => [count, []]));
    for (let index = 0; index < runs; index += 1) {
      log(`level 6 growth, run ${index + 1}/${runs}`);
      // Rotate the order of sizes between runs, for the same reason the level-4 comparison alternates.
      const order = counts.map((_, offset) => counts[(offset + index) % counts.length]);
      for (const count of order) {
        const out = fresh(`tierup-services-${count}`);
        results.get(count).push(await tierupSynth(`tierup synth ${count} services`, [specs.get(count)], out));
        details[`services${count}Resources`] = { cfn: countCfnResources(out), tf: countTfResources(out) };
      }
    }
    const medians = counts.map((count) => [count, median(results.get(count).map((r) => r.seconds))]);
    const fit = linearFit(medians);
    const [first, last] = [medians[0], medians[medians.length - 1]];
    const before = medians[medians.length - 2];
    // Linear: the cost of the last services added is no more than 1.5x the average cost of a service.
    const marginalLast = (last[1] - before[1]) / (last[0] - before[0]);
    const linear = marginalLast <= 1.5 * fit.slope && fit.r2 >= 0.95;
    details.linearity = { medians, slopeSPerService: fit.slope, interceptS: fit.intercept, r2: fit.r2, marginalLastSPerService: marginalLast };
    const rows = counts.map((count) => {
      const samples = results.get(count);
      const isLargest = count === last[0];
      const medianS = median(samples.map((r) => r.seconds));
      const peakMb = Math.max(...samples.map((r) => r.peakMb));
      const perService = `${((medianS * 1000) / count).toFixed(0)} ms/service`;
      return row(`L6 ${count} services`, samples, isLargest
        ? { result: perService, goal: '< 4 s and < 1 GB', met: medianS < 4 && peakMb < 1024 }
        : { result: perService, goal: '', met: null });
    });
    rows.push({
      scenario: `L6 growth ${first[0]}->${last[0]} services`, runs, medianS: null, p90S: null, peakMb: null,
      result: `${(fit.slope * 1000).toFixed(0)} ms/service + ${fit.intercept.toFixed(2)} s, r2 ${fit.r2.toFixed(3)}, last step ${(marginalLast * 1000).toFixed(0)} ms/service`,
      goal: 'linear', met: linear,
    });
    return rows;
  }

  /** Start-up: `--help` and validating the smallest example, alternating. */
  async function startup() {
    const count = quick ? 3 : Math.max(10, runs * 2);
    const help = [];
    const validate = [];
    const spec = join(root, 'blueprints', 'shop-1-single-server.yaml');
    for (let index = 0; index < count; index += 1) {
      log(`start-up, run ${index + 1}/${count}`);
      const pair = [
        async () => help.push(await tierup('tierup --help', ['--help'])),
        async () => validate.push(await tierup('tierup validate', ['validate', spec])),
      ];
      for (const step of index % 2 === 0 ? pair : pair.reverse()) await step();
    }
    const within = (samples) => median(samples.map((r) => r.seconds)) < 0.3;
    return [
      row('tierup --help', help, { result: '', goal: '< 300 ms', met: within(help) }),
      row('tierup validate shop-1', validate, { result: '', goal: '< 300 ms', met: within(validate) }),
    ];
  }

  return { levelFour, allExamples, serviceGrowth, startup, details };
}

/** A table row from samples: median and p90 of wall time, the largest peak memory of any run. */
function row(scenario, samples, { result, goal, met }) {
  const seconds = samples.map((sample) => sample.seconds);
  return {
    scenario, runs: samples.length, medianS: median(seconds), p90S: percentile(seconds, 0.9),
    peakMb: Math.max(...samples.map((sample) => sample.peakMb)), result, goal, met, samplesS: seconds,
  };
}

module.exports = { createScenarios };
