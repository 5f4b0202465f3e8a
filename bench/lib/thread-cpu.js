'use strict';
/**
 * Preloaded into a tierup process by bench/critical-path.js (`node -r`): appends, as JSON lines to
 * $TIERUP_THREAD_CPU_FILE, each thread's CPU time (Linux, /proc/thread-self/stat, in ms): the main
 * thread's when it starts its first worker and when it exits, a worker's each time it posts a message.
 */
const workerThreads = require('node:worker_threads');
const { appendFileSync, readFileSync } = require('node:fs');

const file = process.env.TIERUP_THREAD_CPU_FILE;
const TICK_MS = 10;

/** This thread's user + system time in ms (clock ticks of 10 ms). */
function threadCpuMs() {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const record = (event) => appendFileSync(file, `${JSON.stringify({ thread: workerThreads.threadId, event, cpuMs: threadCpuMs() })}\n`);

if (file && workerThreads.isMainThread) {
  const { Worker } = workerThreads;
  let started = false;
  workerThreads.Worker = class extends Worker {
    constructor(...args) {
      if (!started) record('first-worker');
      started = true;
      super(...args);
    }
  };
  process.on('exit', () => record('exit'));
} else if (file) {
  const post = workerThreads.parentPort.postMessage.bind(workerThreads.parentPort);
  workerThreads.parentPort.postMessage = (message) => {
    record('message');
    return post(message);
  };
}
