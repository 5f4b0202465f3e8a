'use strict';
/** The results table: one row per measured scenario, with its goal and whether it was met. */

const COLUMNS = [
  ['scenario', (row) => row.scenario],
  ['runs', (row) => String(row.runs)],
  ['median s', (row) => seconds(row.medianS)],
  ['p90 s', (row) => seconds(row.p90S)],
  ['cpu s', (row) => seconds(row.cpuS ?? null)],
  ['peak MB', (row) => (row.peakMb === null ? '' : String(Math.round(row.peakMb)))],
  ['ratio / result', (row) => row.result],
  ['goal', (row) => row.goal],
  ['met', (row) => (row.met === null ? '' : row.met ? 'yes' : 'NO')],
];

/** The rows as a Markdown table (readable in a terminal, pasteable into docs/performance.md). */
function formatTable(rows) {
  const cells = rows.map((row) => COLUMNS.map(([, cell]) => cell(row)));
  const widths = COLUMNS.map(([title], index) => Math.max(title.length, ...cells.map((line) => line[index].length)));
  const line = (values) => `| ${values.map((value, index) => value.padEnd(widths[index])).join(' | ')} |`;
  return [
    line(COLUMNS.map(([title]) => title)),
    line(widths.map((width) => '-'.repeat(width))),
    ...cells.map(line),
  ].join('\n');
}

function seconds(value) {
  if (value === null) return '';
  return value < 1 ? value.toFixed(3) : value.toFixed(2);
}

/** The machine as a few lines of text. */
function formatMachine(machine, memoryMethod) {
  const versions = Object.entries(machine.versions).map(([name, version]) => `${name} ${version}`).join(', ');
  return [
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM (${machine.freeMemoryGb} GB free), ${machine.os}`,
    `node ${machine.node}; ${versions}`,
    `commit ${machine.commit}; load average at start ${machine.loadAverage.join(' / ')} (1 / 5 / 15 min); peak memory via ${memoryMethod}`,
  ].join('\n');
}

module.exports = { formatTable, formatMachine };
