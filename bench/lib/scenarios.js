'use strict';
/**
 * The benchmark scenarios (growth and the phase split are in growth.js and phases.js). Each returns
 * table rows; runs of the things being compared alternate, so that a noisy neighbour slows both sides
 * alike, and every ratio comes from the same run.
 */
const { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { serviceGrowth } = require('./growth');
const { measure, startWatch } = require('./measure');
const { phaseSplit } = require('./phases');
const { countCfnResources, countTfResources } = require('./resource-count');
const { median, percentile } = require('./stats');

/**
 * How the table names the variants of a tierup run. The default is the synth pool (a thread per core,
 * at most one per job, lib/cli/synth-pool.ts) with the code cache an earlier run filled.
 */
const VARIANT_NAMES = {
  warm: 'code cache filled, pool', cold: 'code cache empty, pool', plain: 'no code cache, one thread',
  oneThread: 'code cache filled, one thread',
};
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
  // The code cache lives in the bench's scratch directory, never in the user's: warm = the cache one
  // run left behind; cold = an empty cache directory every run; plain = no cache and no worker thread
  // (TIERUP_CODE_CACHE=0 TIERUP_WORKERS=0: tierup as it was before issue 16's start-up work);
  // oneThread = the warm cache without the pool (TIERUP_WORKERS=0), to show what the pool buys.
  const warmCache = join(scratch, 'code-cache-warm');
  let coldCaches = 0;
  const VARIANTS = {
    warm: () => ({ TIERUP_CACHE_DIR: warmCache }),
    cold: () => ({ TIERUP_CACHE_DIR: join(scratch, `code-cache-cold-${(coldCaches += 1)}`) }),
    plain: () => ({ TIERUP_CODE_CACHE: '0', TIERUP_WORKERS: '0' }),
    oneThread: () => ({ TIERUP_CACHE_DIR: warmCache, TIERUP_WORKERS: '0' }),
  };
  const tierup = (label, args, variant = 'warm', nodeFlags = []) => run(`${label} [${variant}]`, process.execPath, [...nodeFlags, tierupBin, ...args, '--quiet'], root, VARIANTS[variant]());
  /** `tierup synth` of `specs` into `out`; `options.target` overrides the bench's target, `options.nodeFlags` go to node. */
  const tierupSynth = (label, specs, out, extra = [], variant = 'warm', options = {}) =>
    tierup(label, ['synth', ...specs, '--target', options.target ?? target, '--out', out, ...extra], variant, options.nodeFlags ?? []);
  /** Fills the warm cache (every command the bench runs loads a subset of what these two load). */
  async function warmUp() {
    if (warmedUp) return;
    warmedUp = true;
    await tierupSynth('warm-up', [join(root, 'blueprints', 'shop-7-multi-region.yaml')], fresh('warm-up'));
    await tierup('warm-up', ['--help']);
  }
  let warmedUp = false;

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
    return { seconds: parts.reduce((sum, part) => sum + part.seconds, 0), cpuS: parts.reduce((sum, part) => sum + part.cpuS, 0), peakMb: Math.max(...parts.map((part) => part.peakMb)), parts };
  }

  /**
   * Level 4 against the hand-written pair; `validating` compares `--validate` with CDK's validating
   * default. tierup runs in each variant (warm code cache, cold code cache, plain) between the pair's runs.
   */
  async function levelFour(validating) {
    await warmUp();
    const spec = join(root, 'blueprints', 'shop-4-fleet.yaml');
    const variants = validating ? ['warm'] : ['warm', 'cold', 'plain', 'oneThread'];
    const ours = Object.fromEntries(variants.map((variant) => [variant, []]));
    const theirs = [];
    const name = validating ? 'L4 with CFN validation' : 'L4';
    for (let index = 0; index < runs; index += 1) {
      log(`${name}, run ${index + 1}/${runs}`);
      const measureOurs = async () => {
        // The variants rotate too, so that none always runs right after the slow pair.
        for (const variant of variants.map((_, offset) => variants[(offset + index) % variants.length])) {
          const out = fresh('tierup-l4');
          ours[variant].push(await tierupSynth('tierup synth', [spec], out, validating ? ['--validate'] : [], variant));
          details.tierupCfnResources = countCfnResources(join(out, 'cdk.out'));
          details.tierupTfResources = countTfResources(join(out, 'cdktf.out'));
        }
      };
      const measureTheirs = async () => theirs.push(await handwrittenPair('hand-written', validating));
      // Alternate who goes first, so neither side always meets a warm (or a busy) machine.
      if (index % 2 === 0) { await measureOurs(); await measureTheirs(); } else { await measureTheirs(); await measureOurs(); }
    }
    const baseline = median(theirs.map((r) => r.seconds));
    const baselineCpu = median(theirs.map((r) => r.cpuS));
    details.levelFourColdS = median(ours.warm.map((r) => r.seconds));
    const flag = validating ? ' --validate' : '';
    const pairName = [withCfn && 'cdk synth', withTf && 'cdktf synth'].filter(Boolean).join(' + ');
    const rows = variants.map((variant) => {
      const ratio = median(ours[variant].map((r) => r.seconds)) / baseline;
      const cpuRatio = median(ours[variant].map((r) => r.cpuS)) / baselineCpu;
      // The goal is for a cold process (not a warm --watch re-synthesis) as users run it: with the
      // code cache an earlier run filled. The empty-cache row is the first run after an install.
      const headline = !validating && variant === 'warm';
      return row(`${name}: tierup synth --target ${target}${flag} (${VARIANT_NAMES[variant]})`, ours[variant], {
        result: `${ratio.toFixed(3)}x the pair (${(1 / ratio).toFixed(1)}x faster); cpu ${cpuRatio.toFixed(3)}x`,
        goal: headline ? '<= 0.05x' : validating ? '(informational)' : '',
        met: headline ? ratio <= 0.05 : null,
      });
    });
    rows.push(row(`${name}: hand-written ${pairName}${validating ? ' (CDK validating)' : ''}`, theirs, { result: 'baseline', goal: '', met: null }));
    if (withCfn && withTf) {
      rows.push(row(`${name}:   of which cdk synth`, theirs.map((r) => r.parts[0]), { result: '', goal: '', met: null }));
      rows.push(row(`${name}:   of which cdktf synth`, theirs.map((r) => r.parts[1]), { result: '', goal: '', met: null }));
    }
    return rows;
  }

  /** Every example blueprint in one call: the pool, one thread, and neither pool nor code cache, alternating. */
  async function allExamples() {
    await warmUp();
    const specs = exampleSpecs();
    const variants = ['warm', 'oneThread', 'plain'];
    const results = Object.fromEntries(variants.map((variant) => [variant, []]));
    for (let index = 0; index < runs; index += 1) {
      log(`all examples, run ${index + 1}/${runs}`);
      for (const variant of variants.map((_, offset) => variants[(offset + index) % variants.length])) {
        const out = fresh('tierup-examples');
        results[variant].push(await tierupSynth(`tierup synth ${specs.length} blueprints`, specs, out, [], variant));
        details.examplesCfnResources = countCfnResources(out);
        details.examplesTfResources = countTfResources(out);
      }
    }
    const medianOf = (variant, key) => median(results[variant].map((r) => r[key]));
    const versus = (variant) => `${(medianOf('warm', 'seconds') / medianOf(variant, 'seconds')).toFixed(2)}x ${variant === 'plain' ? 'plain' : 'one thread'}`
      + ` (cpu ${(medianOf('warm', 'cpuS') / medianOf(variant, 'cpuS')).toFixed(2)}x)`;
    return [
      row(`all ${specs.length} examples, one call (${VARIANT_NAMES.warm})`, results.warm, {
        result: `${versus('oneThread')}, ${versus('plain')}`, goal: '<= 1.5 s', met: medianOf('warm', 'seconds') <= 1.5,
      }),
      row(`all ${specs.length} examples, one call (${VARIANT_NAMES.oneThread})`, results.oneThread, { result: '', goal: '', met: null }),
      row(`all ${specs.length} examples, one call (${VARIANT_NAMES.plain})`, results.plain, { result: '', goal: '', met: null }),
    ];
  }

  /** The example blueprints, sorted. */
  function exampleSpecs() {
    return readdirSync(join(root, 'blueprints')).filter((file) => file.endsWith('.yaml')).sort().map((file) => join(root, 'blueprints', file));
  }

  /** Start-up: `--help` (warm code cache and plain) and validating the smallest example, alternating. */
  async function startup() {
    await warmUp();
    const count = quick ? 3 : Math.max(10, runs * 2);
    const help = [];
    const plainHelp = [];
    const validate = [];
    const spec = join(root, 'blueprints', 'shop-1-single-server.yaml');
    for (let index = 0; index < count; index += 1) {
      log(`start-up, run ${index + 1}/${count}`);
      const steps = [
        async () => help.push(await tierup('tierup --help', ['--help'])),
        async () => plainHelp.push(await tierup('tierup --help', ['--help'], 'plain')),
        async () => validate.push(await tierup('tierup validate', ['validate', spec])),
      ];
      for (const step of steps.map((_, offset) => steps[(offset + index) % steps.length])) await step();
    }
    const medianS = (samples) => median(samples.map((r) => r.seconds));
    return [
      row(`tierup --help (${VARIANT_NAMES.warm})`, help, { result: '', goal: '< 150 ms', met: medianS(help) < 0.15 }),
      row(`tierup --help (${VARIANT_NAMES.plain})`, plainHelp, { result: '', goal: '', met: null }),
      row(`tierup validate shop-1 (${VARIANT_NAMES.warm})`, validate, { result: '', goal: '< 300 ms', met: medianS(validate) < 0.3 }),
    ];
  }

  /**
   * Warm re-synthesis: one `tierup synth --watch` process on a copy of level 4; each save toggles the
   * read replicas (2 → 1 → 2 …) and the time is the one the watch prints for that re-synthesis (the
   * work from the change being noticed to the output written and read back, the diff excluded).
   */
  async function watchResynth() {
    await warmUp();
    const count = quick ? 3 : Math.max(5, runs);
    const dir = fresh('watch');
    mkdirSync(dir, { recursive: true });
    const spec = join(dir, 'shop.yaml');
    const text = readFileSync(join(root, 'blueprints', 'shop-4-fleet.yaml'), 'utf8');
    writeFileSync(spec, text);
    const watch = startWatch(process.execPath, [tierupBin, 'synth', spec, '--target', target, '--out', join(dir, 'out'), '--watch'], { ...QUIET_ENV, ...VARIANTS.warm() });
    const seconds = [];
    try {
      await watch.next(/watching /);
      for (let index = 0; index < count; index += 1) {
        const printed = watch.next(/re-synthesized in ([\d.]+) s/);
        writeFileSync(spec, index % 2 === 0 ? text.replace('readReplicas: 2', 'readReplicas: 1') : text);
        const [, value] = /re-synthesized in ([\d.]+) s/.exec(await printed);
        seconds.push(Number(value));
        log(`  watch re-synthesis ${index + 1}/${count}: ${value} s`);
      }
    } finally {
      await watch.stop();
    }
    const medianS = median(seconds);
    const cold = details.levelFourColdS;
    return [{
      scenario: 'L4 warm re-synthesis (synth --watch, per save)', runs: seconds.length, medianS, p90S: percentile(seconds, 0.9), cpuS: null, peakMb: null,
      result: cold ? `${(medianS / cold).toFixed(2)}x a cold run` : '', goal: '<= 150 ms', met: medianS <= 0.15, samplesS: seconds,
    }];
  }

  const context = { root, scratch, runs, quick, target, log, fresh, warmUp, tierupSynth, row, details, exampleSpecs, variantNames: VARIANT_NAMES };
  return {
    levelFour, allExamples, startup, watchResynth, details,
    serviceGrowth: () => serviceGrowth(context),
    phaseSplit: () => phaseSplit(context),
  };
}

/** A table row from samples: median and p90 of wall time, the largest peak memory of any run. */
function row(scenario, samples, { result, goal, met }) {
  const seconds = samples.map((sample) => sample.seconds);
  const cpu = samples.map((sample) => sample.cpuS).filter((value) => Number.isFinite(value));
  return {
    scenario, runs: samples.length, medianS: median(seconds), p90S: percentile(seconds, 0.9), cpuS: cpu.length ? median(cpu) : null,
    peakMb: Math.max(...samples.map((sample) => sample.peakMb)), result, goal, met, samplesS: seconds,
  };
}

module.exports = { createScenarios };
