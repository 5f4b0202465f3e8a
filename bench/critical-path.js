#!/usr/bin/env node
'use strict';
/**
 * What a command's threads would take on an idle machine with a core each, measured on a busy one:
 * runs it N times with bench/lib/thread-cpu.js preloaded and prints, per run and as a median, the
 * critical path in CPU ms: max(main thread, main thread's CPU when it started its first worker + the
 * worker's CPU). V8's helper threads (GC, compilers) are not counted. Linux only. See docs/performance.md.
 *
 *   node bench/critical-path.js [--runs N] -- node dist/bin/tierup.js synth blueprints/*.yaml --out /tmp/o --quiet
 */
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { median } = require('./lib/stats');

const argv = process.argv.slice(2);
const at = argv.indexOf('--');
if (at < 0 || at === argv.length - 1) {
  process.stderr.write('usage: node bench/critical-path.js [--runs N] -- COMMAND...\n');
  process.exit(2);
}
const runsAt = argv.indexOf('--runs');
const runs = runsAt >= 0 && runsAt < at ? Number(argv[runsAt + 1]) : 5;
const [command, ...args] = argv.slice(at + 1);
const scratch = mkdtempSync(join(tmpdir(), 'tierup-critical-path-'));
const paths = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const file = join(scratch, `run-${run}.jsonl`);
    const preload = `-r ${join(__dirname, 'lib', 'thread-cpu.js')}`;
    const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TIERUP_THREAD_CPU_FILE: file, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${preload}` } });
    if (result.status !== 0) throw new Error(`the command exited with ${result.status}`);
    const records = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const main = records.find((r) => r.thread === 0 && r.event === 'exit').cpuMs;
    const start = records.find((r) => r.event === 'first-worker')?.cpuMs ?? 0;
    const workers = {};
    for (const r of records.filter((r) => r.thread !== 0)) workers[r.thread] = Math.max(workers[r.thread] ?? 0, r.cpuMs);
    const path = Math.max(main, ...Object.values(workers).map((cpu) => start + cpu));
    paths.push(path);
    process.stdout.write(`run ${run + 1}: critical path ${path} ms (main ${main} ms, first worker started at ${start} ms, workers ${Object.values(workers).join(', ') || 'none'} ms)\n`);
  }
  process.stdout.write(`median critical path: ${median(paths)} ms of CPU over ${runs} runs\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
