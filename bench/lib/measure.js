'use strict';
/** Runs one command and measures its wall time and the peak resident memory of its largest process. */
const { spawn } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const GNU_TIME = '/usr/bin/time';

/** How peak memory is measured here: GNU time's %M (max RSS from wait4), or polling VmHWM in /proc. */
const MEMORY_METHOD = existsSync(GNU_TIME) ? 'gnu-time' : 'proc-poll';

/**
 * Spawns `command args` in `cwd` and resolves to { seconds, cpuS, peakMb, code, output }. Wall time is taken
 * around the spawn; `seconds` therefore includes process start-up, as a user's shell would see it.
 * Peak memory is the largest resident set of any single process of the tree (GNU time reports the
 * largest reaped descendant), not the sum: a CLI that spawns an app is charged for the bigger of the two.
 */
async function measure(command, args, { cwd, env = {} } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'tierup-bench-time-'));
  const timeFile = join(scratch, 'time');
  const [file, argv] = MEMORY_METHOD === 'gnu-time'
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...args]]
    : [command, args];
  const started = process.hrtime.bigint();
  const child = spawn(file, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks = [];
  child.stdout.on('data', (chunk) => chunks.push(chunk));
  child.stderr.on('data', (chunk) => chunks.push(chunk));
  const poller = MEMORY_METHOD === 'proc-poll' ? pollPeak(child.pid) : null;
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // GNU time also gives the CPU time (user + system, every thread and reaped child): on a busy machine
  // it varies far less than wall time, though it cannot show what running on two cores saves.
  const [peakKb, userS, systemS] = poller ? [poller.stop(), NaN, NaN] : readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  rmSync(scratch, { recursive: true, force: true });
  return { seconds, cpuS: userS + systemS, peakMb: peakKb / 1024, code, output: Buffer.concat(chunks).toString('utf8') };
}

/** Polls VmHWM of `pid` and its descendants every 10 ms; `stop()` returns the largest value seen, in KB. */
function pollPeak(pid) {
  let peak = 0;
  const sample = () => {
    for (const id of tree(pid)) {
      const match = /VmHWM:\s+(\d+) kB/.exec(readOr(`/proc/${id}/status`));
      if (match) peak = Math.max(peak, Number(match[1]));
    }
  };
  const timer = setInterval(sample, 10);
  return { stop: () => { clearInterval(timer); return peak; } };
}

function tree(pid) {
  const children = readOr(`/proc/${pid}/task/${pid}/children`).split(/\s+/).filter(Boolean);
  return [pid, ...children.flatMap((child) => tree(Number(child)))];
}

function readOr(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Starts a long-running command (`tierup synth --watch`): `next(pattern)` resolves with the output
 * printed from then on once it matches; `stop()` interrupts it (SIGINT) and resolves when it exited.
 */
function startWatch(command, args, env) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let waiters = [];
  const take = (chunk) => {
    output += chunk.toString('utf8');
    waiters = waiters.filter((waiter) => {
      const rest = output.slice(waiter.from);
      if (!waiter.pattern.test(rest)) return true;
      waiter.resolve(rest);
      return false;
    });
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exited = new Promise((resolve) => child.on('close', resolve));
  return {
    next: (pattern) => new Promise((resolve, reject) => {
      waiters.push({ pattern, from: output.length, resolve });
      exited.then(() => reject(new Error(`the watch exited:\n${output.slice(-2000)}`)));
    }),
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

module.exports = { measure, startWatch, MEMORY_METHOD };
