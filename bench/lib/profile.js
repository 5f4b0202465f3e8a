'use strict';
/**
 * Summarizes one V8 CPU profile (`node --cpu-prof`; one file per thread, the synth pool's workers
 * included): self time by package and by function, and the phases of a synthesis. Used by
 * bench/profile-summary.js and by the bench's phase split (scenario p).
 */

/** The package a script belongs to (node_modules/<pkg>), "tierup" for the project, or what V8 calls it. */
function packageOf(url) {
  if (!url) return '(native / gc / idle)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.startsWith('node:')) return 'node (built-in)';
  return url.includes('/dist/') ? 'tierup' : url;
}

const inPackage = (frame, pkg) => frame.url.includes(`node_modules/${pkg}/`);

/**
 * A CommonJS module's top-level code: the anonymous wrapper function at line 0 of a file, column 0 as
 * Node compiles it, column 10 as the code cache does (lib/cli/code-cache.ts wraps the source in
 * `(function (exports, …`; a minified file's own functions on line 0 start further right).
 */
const isModuleBody = (frame) => frame.functionName === '' && frame.lineNumber === 0 && (frame.columnNumber === 0 || frame.columnNumber === 10)
  && frame.url !== '' && !frame.url.startsWith('node:');
/** A thread's entry script (bin/tierup.js, a pool worker's synth-worker.js): its top level runs the command, which is not loading. */
const isEntry = (frame) => isModuleBody(frame) && /\/(bin\/tierup|lib\/cli\/synth-worker)\.js$/.test(frame.url);
/** Node's CommonJS loader (resolving, reading) and the code cache (deserializing, writing) are loading too. */
const isLoader = (frame) => frame.url === 'node:internal/modules/cjs/loader' || frame.url.endsWith('/lib/cli/code-cache.js');

/** Whether a stack (innermost frame first) is loading a module: a loader frame or module top level inside the entry script. */
function isLoading(stack) {
  const entry = stack.findIndex(isEntry);
  return stack.slice(0, entry < 0 ? stack.length : entry).some((frame) => isLoader(frame) || isModuleBody(frame));
}

/** Each sample goes to the first phase whose test its stack (innermost frame first) passes, so the phases add up to the total. */
const PHASES = [
  ['module loading (require + compile + top-level code)', isLoading],
  ['garbage collection', (stack) => stack[0].functionName === '(garbage collector)'],
  ['cdktf token stack traces (captureStackTrace)', (stack) => stack.some((frame) => frame.functionName === 'captureStackTrace' && inPackage(frame, 'cdktf'))],
  ['CloudFormation synthesis (aws-cdk-lib App.synth)', (stack) => stack.some((frame) => frame.functionName === 'synth' && inPackage(frame, 'aws-cdk-lib'))],
  ['Terraform synthesis (cdktf toTerraform)', (stack) => stack.some((frame) => ['synth', 'toTerraform'].includes(frame.functionName) && inPackage(frame, 'cdktf'))],
  ['blueprint loading and plan (YAML, zod, createPlan)', (stack) => stack.some((frame) => ['loadPlans', 'loadBlueprint', 'createPlan'].includes(frame.functionName))],
  ['CloudFormation construct tree (lib/render/cfn)', (stack) => stack.some((frame) => frame.url.includes('/lib/render/cfn/'))],
  ['Terraform construct tree (lib/render/tf)', (stack) => stack.some((frame) => frame.url.includes('/lib/render/tf/'))],
  ['idle (waiting for the other threads, I/O)', (stack) => stack[0].functionName === '(idle)'],
  ['everything else (CLI, output staging, pool messages)', () => true],
];

/** Self time per package, per function and per phase, in microseconds, of a parsed `.cpuprofile`. */
function summarizeProfile(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  // Self time per node: the sampling interval after each sample belongs to the node sampled.
  const selfUs = new Map();
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index + 1] ?? 0));
  });
  const byPackage = new Map();
  const byFunction = new Map();
  const byPhase = new Map(PHASES.map(([name]) => [name, 0]));
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    totalUs += us;
    const { callFrame } = nodes.get(id);
    const pkg = packageOf(callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const where = `${callFrame.functionName || '(anonymous)'}  ${pkg}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
    byFunction.set(where, (byFunction.get(where) ?? 0) + us);
    const stack = [];
    for (let at = id; at !== undefined; at = parents.get(at)) stack.push(nodes.get(at).callFrame);
    const [name] = PHASES.find(([, test]) => test(stack));
    byPhase.set(name, byPhase.get(name) + us);
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  return { totalUs, byPackage: sorted(byPackage), byFunction: sorted(byFunction), phases: [...byPhase] };
}

module.exports = { summarizeProfile, PHASES };
