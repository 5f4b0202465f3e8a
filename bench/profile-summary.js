#!/usr/bin/env node
'use strict';
/**
 * Summarizes a V8 CPU profile (from `node --cpu-prof`): where the time went, by package and by
 * function (self time), and by phase (module loading, garbage collection, cdktf's token stack traces,
 * synthesis and construct tree per target, blueprint loading and plan, the rest). See docs/performance.md.
 *
 *   node bench/profile-summary.js FILE.cpuprofile [--top N]
 */
const { readFileSync } = require('node:fs');

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.js FILE.cpuprofile [--top N]\n');
  process.exit(2);
}
const top = rest[0] === '--top' ? Number(rest[1]) : 20;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

// Self time per node: the sampling interval after each sample belongs to the node sampled.
const selfUs = new Map();
profile.samples.forEach((id, index) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index + 1] ?? 0));
});
const totalUs = [...selfUs.values()].reduce((sum, us) => sum + us, 0);

/** The package a script belongs to (node_modules/<pkg>), "tierup" for the project, or what V8 calls it. */
function packageOf(url) {
  if (!url) return '(native / gc / idle)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.startsWith('node:')) return 'node (built-in)';
  return url.includes('/dist/') ? 'tierup' : url;
}

const byPackage = new Map();
const byFunction = new Map();
for (const [id, us] of selfUs) {
  const { callFrame } = nodes.get(id);
  const pkg = packageOf(callFrame.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  const where = `${callFrame.functionName || '(anonymous)'}  ${pkg}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
  byFunction.set(where, (byFunction.get(where) ?? 0) + us);
}

/** The frames of a node's stack, innermost first. */
function stackOf(id) {
  const frames = [];
  for (let at = id; at !== undefined; at = parents.get(at)) frames.push(nodes.get(at).callFrame);
  return frames;
}

/**
 * Each sample goes to the first phase whose test its stack passes, so the phases add up to the total.
 * The entry script itself runs inside Module._load, hence "loading" means a nested Module._load.
 */
const inPackage = (frame, pkg) => frame.url.includes(`node_modules/${pkg}/`);
const PHASES = [
  ['module loading (nested require + compile)', (stack) => stack.filter((frame) => frame.functionName === 'Module._load').length >= 2],
  ['garbage collection', (stack) => stack[0].functionName === '(garbage collector)'],
  ['cdktf token stack traces (captureStackTrace)', (stack) => stack.some((frame) => frame.functionName === 'captureStackTrace' && inPackage(frame, 'cdktf'))],
  ['CloudFormation synthesis (aws-cdk-lib App.synth)', (stack) => stack.some((frame) => frame.functionName === 'synth' && inPackage(frame, 'aws-cdk-lib'))],
  ['Terraform synthesis (cdktf toTerraform)', (stack) => stack.some((frame) => ['synth', 'toTerraform'].includes(frame.functionName) && inPackage(frame, 'cdktf'))],
  ['blueprint loading and plan (YAML, zod, createPlan)', (stack) => stack.some((frame) => ['loadPlans', 'loadBlueprint', 'createPlan'].includes(frame.functionName))],
  ['CloudFormation construct tree (lib/render/cfn)', (stack) => stack.some((frame) => frame.url.includes('/lib/render/cfn/'))],
  ['Terraform construct tree (lib/render/tf)', (stack) => stack.some((frame) => frame.url.includes('/lib/render/tf/'))],
  ['everything else (CLI, output staging, idle)', () => true],
];
const byPhase = new Map(PHASES.map(([name]) => [name, 0]));
for (const [id, us] of selfUs) {
  const stack = stackOf(id);
  const [name] = PHASES.find(([, test]) => test(stack));
  byPhase.set(name, byPhase.get(name) + us);
}

const ms = (us) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
const pct = (us) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
const print = (title, entries) => {
  process.stdout.write(`\n${title}\n`);
  for (const [name, us] of entries) process.stdout.write(`${ms(us)} ${pct(us)}  ${name}\n`);
};
process.stdout.write(`${file}: ${ms(totalUs).trim()} sampled\n`);
print('by package (self time)', [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top));
print(`top ${top} functions (self time)`, [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top));
print('phases (each sample counted once)', [...byPhase]);
