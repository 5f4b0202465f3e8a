import type { Point } from './series-stats';
import type { ObserveReport } from './observe-report';

// `observe --plot FILE.svg`: the measured load over the window against the level's ceilings, drawn by hand as a
// small SVG (no dependency), with the same bytes for the same input.

/** A horizontal line: a ceiling or the warning line. */
export interface CeilingLine {
  readonly label: string;
  readonly rps: number;
  readonly style: 'ceiling' | 'warning' | 'measured' | 'advised';
}

const WIDTH = 960;
const HEIGHT = 420;
const PLOT = { left: 70, right: 640, top: 50, bottom: 360 } as const;
const STYLES = {
  ceiling: 'stroke="#c0392b" stroke-width="2"',
  warning: 'stroke="#e67e22" stroke-width="1.5" stroke-dasharray="8 4"',
  measured: 'stroke="#8e44ad" stroke-width="1.5" stroke-dasharray="2 3"',
  advised: 'stroke="#27ae60" stroke-width="1.5" stroke-dasharray="12 4 2 4"',
} as const satisfies Record<CeilingLine['style'], string>;
/** A line this many times above everything else would flatten the load: it is named below the chart instead. */
const OFF_CHART_FACTOR = 3;

/** The SVG: load as a line (each pixel column keeps its highest datapoint, so peaks survive), ceilings across. */
export function loadPlot(title: string, load: readonly Point[], lines: readonly CeilingLine[]): string {
  const peak = Math.max(...load.map((point) => point.v), 0);
  const near = lines.filter((line) => line.rps <= OFF_CHART_FACTOR * Math.max(peak, ...lines.filter((other) => other.style !== 'advised').map((other) => other.rps)));
  const top = niceTop(Math.max(peak, ...near.map((line) => line.rps)) * 1.1);
  const first = load[0]?.t ?? 0;
  const last = load.at(-1)?.t ?? first + 1;
  const x = (t: number) => PLOT.left + ((t - first) / Math.max(1, last - first)) * (PLOT.right - PLOT.left);
  const y = (v: number) => PLOT.bottom - (v / top) * (PLOT.bottom - PLOT.top);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PLOT.left}" y="28" font-size="15" font-weight="bold">${escape(title)}</text>`,
  ];
  for (const tick of ticks(top)) {
    out.push(`<line x1="${PLOT.left}" y1="${fixed(y(tick))}" x2="${PLOT.right}" y2="${fixed(y(tick))}" stroke="#eeeeee"/>`);
    out.push(`<text x="${PLOT.left - 6}" y="${fixed(y(tick) + 4)}" text-anchor="end">${tick}</text>`);
  }
  for (const day of dayTicks(first, last)) {
    out.push(`<text x="${fixed(x(day))}" y="${PLOT.bottom + 18}" text-anchor="middle">${new Date(day).toISOString().slice(5, 10)}</text>`);
  }
  out.push(`<line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}" stroke="#333333"/>`);
  out.push(`<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.bottom}" stroke="#333333"/>`);
  out.push(`<text x="16" y="${(PLOT.top + PLOT.bottom) / 2}" transform="rotate(-90 16 ${(PLOT.top + PLOT.bottom) / 2})" text-anchor="middle">requests per second</text>`);
  near.forEach((line) => {
    out.push(`<line x1="${PLOT.left}" y1="${fixed(y(line.rps))}" x2="${PLOT.right}" y2="${fixed(y(line.rps))}" ${STYLES[line.style]}/>`);
  });
  const path = columns(load, x).map((point, index) => `${index === 0 ? 'M' : 'L'}${fixed(point.x)} ${fixed(y(point.v))}`).join(' ');
  if (path) out.push(`<path d="${path}" fill="none" stroke="#2c3e50" stroke-width="1.5"/>`);
  const legend = [{ label: `load (peak ${Math.round(peak)} rps)`, style: 'stroke="#2c3e50" stroke-width="1.5"' }, ...near.map((line) => ({ label: line.label, style: STYLES[line.style] }))];
  legend.forEach((entry, index) => {
    const ly = PLOT.top + 10 + index * 22;
    out.push(`<line x1="${PLOT.right + 16}" y1="${ly}" x2="${PLOT.right + 44}" y2="${ly}" ${entry.style}/>`);
    out.push(`<text x="${PLOT.right + 50}" y="${ly + 4}">${escape(entry.label)}</text>`);
  });
  lines.filter((line) => !near.includes(line)).forEach((line, index) => {
    out.push(`<text x="${PLOT.left}" y="${PLOT.bottom + 40 + index * 16}" fill="#555555">off the chart: ${escape(line.label)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The highest datapoint of each pixel column, left to right. */
function columns(load: readonly Point[], x: (t: number) => number): { x: number; v: number }[] {
  const byColumn = new Map<number, { x: number; v: number }>();
  for (const point of load) {
    const column = Math.round(x(point.t));
    const seen = byColumn.get(column);
    if (!seen || point.v > seen.v) byColumn.set(column, { x: column, v: point.v });
  }
  return [...byColumn.values()].toSorted((a, b) => a.x - b.x);
}

/** A round number at or above `value`: 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. */
function niceTop(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((step) => step * power >= value) ?? 10) * power;
}

function ticks(top: number): number[] {
  return [0, 1, 2, 3, 4, 5].map((index) => Math.round((top * index) / 5 * 100) / 100);
}

/** Midnights (UTC) inside the window, at most about eight of them. */
function dayTicks(first: number, last: number): number[] {
  const day = 86_400_000;
  const step = Math.max(1, Math.ceil((last - first) / day / 8)) * day;
  const days: number[] = [];
  for (let t = Math.ceil(first / day) * day; t <= last; t += step) days.push(t);
  return days;
}

function fixed(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The lines a report draws: this level's ceiling, its warning line, the measured ceiling and the advised level's. */
export function ceilingLines(report: ObserveReport): CeilingLine[] {
  const { headroom, advice, blueprint } = report;
  if (!headroom) return [];
  return [
    { label: `level ${blueprint.level} ceiling ${headroom.ceilingRps} rps (${headroom.bottleneck})`, rps: headroom.ceilingRps, style: 'ceiling' },
    { label: `capacity alarms ${headroom.warningRps} rps`, rps: headroom.warningRps, style: 'warning' },
    ...(headroom.measured ? [{ label: `ceiling ${headroom.measured.ceilingRps} rps at the measured rate`, rps: headroom.measured.ceilingRps, style: 'measured' as const }] : []),
    ...(advice && advice.ceilingRps !== null && (advice.verdict === 'climb' || advice.verdict === 'resize')
      ? [{ label: `level ${advice.level} ceiling ${advice.ceilingRps} rps (advised)`, rps: advice.ceilingRps, style: 'advised' as const }] : []),
  ];
}
