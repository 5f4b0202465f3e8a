'use strict';
/** What the benchmark ran on: timings mean little without it. */
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

/** CPU, cores, memory, load, Node and the versions of the tools being compared. */
function describeMachine(root) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  return {
    cpu: (/^model name\s*:\s*(.+)$/m.exec(cpuinfo) ?? [, os.cpus()[0]?.model ?? 'unknown'])[1],
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    freeMemoryGb: Math.round(os.freemem() / 2 ** 30),
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    commit: gitCommit(root),
    versions: {
      'aws-cdk-lib': version('aws-cdk-lib'),
      'aws-cdk (CLI)': version('aws-cdk'),
      cdktf: version('cdktf'),
      'cdktf-cli': version('cdktf-cli'),
      '@cdktf/provider-aws': version('@cdktf/provider-aws'),
    },
  };
}

function gitCommit(root) {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

module.exports = { describeMachine };
