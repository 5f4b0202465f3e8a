'use strict';
/**
 * Scenario p: the phase split. One profiled run (`node --cpu-prof`, a profile per thread) of level 4,
 * of every example in one call and of the largest level-6 size, each thread's samples split into the
 * phases of bench/lib/profile.js. Profiling slows a run down, so these runs are not timed.
 */
const { mkdirSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { summarizeProfile } = require('./profile');
const { serviceBlueprint } = require('./service-blueprint');

/** Short names for the table. */
const SHORT = [
  [/^module loading/, 'loading'], [/^garbage/, 'gc'], [/^cdktf token/, 'cdktf traces'], [/^CloudFormation synthesis/, 'cfn synth'],
  [/^Terraform synthesis/, 'tf synth'], [/^blueprint loading/, 'plan'], [/^CloudFormation construct/, 'cfn tree'],
  [/^Terraform construct/, 'tf tree'], [/^idle/, 'idle'], [/^everything else/, 'other'],
];
const short = (name) => SHORT.find(([pattern]) => pattern.test(name))?.[1] ?? name;

/** Rows of scenario p; `context` is what scenarios.js shares. */
async function phaseSplit({ root, scratch, log, fresh, warmUp, tierupSynth, details, exampleSpecs }) {
  await warmUp();
  const services = join(scratch, 'blueprints', 'services-50-phases.yaml');
  mkdirSync(join(scratch, 'blueprints'), { recursive: true });
  writeFileSync(services, serviceBlueprint(root, 50));
  const cases = [
    ['L4', [join(root, 'blueprints', 'shop-4-fleet.yaml')]],
    [`all ${exampleSpecs().length} examples`, exampleSpecs()],
    ['L6 50 services', [services]],
  ];
  const rows = [];
  details.phases = {};
  for (const [name, specs] of cases) {
    log(`phase split: ${name}`);
    const profiles = fresh(`profiles-${rows.length}`);
    await tierupSynth(`tierup synth (profiled) ${name}`, specs, fresh(`tierup-phases-${rows.length}`), [], 'warm', { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profiles}`] });
    // CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile: thread 0 is the main thread.
    const files = readdirSync(profiles).filter((file) => file.endsWith('.cpuprofile')).sort((a, b) => threadOf(a) - threadOf(b));
    details.phases[name] = files.map((file) => {
      const summary = summarizeProfile(JSON.parse(readFileSync(join(profiles, file), 'utf8')));
      const thread = threadOf(file);
      const phases = summary.phases.filter(([, us]) => us > 0).map(([phase, us]) => ({ phase, ms: Math.round(us / 1000), share: us / summary.totalUs }));
      rows.push({
        scenario: `phases: ${name}, ${thread === 0 ? 'main thread' : `worker ${thread}`}`, runs: 1, medianS: null, p90S: null, cpuS: null, peakMb: null,
        result: `${(summary.totalUs / 1e6).toFixed(2)} s sampled: ` + phases.filter(({ share }) => share >= 0.03).sort((a, b) => b.ms - a.ms).map(({ phase, share }) => `${short(phase)} ${Math.round(share * 100)}%`).join(', '),
        goal: '', met: null,
      });
      return { thread, sampledMs: Math.round(summary.totalUs / 1000), phases };
    });
  }
  return rows;
}

function threadOf(file) {
  return Number(file.split('.').at(-3));
}

module.exports = { phaseSplit };
