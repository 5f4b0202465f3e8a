import { ceilingLines, loadPlot } from '../../../lib/analyze/observe/load-plot';
import type { ObserveReport } from '../../../lib/analyze/observe/observe-report';

const load = Array.from({ length: 4 * 24 }, (_, hour) => ({ t: Date.parse('2026-12-02T00:00:00Z') + hour * 3_600_000, v: 500 + (hour % 24 === 18 ? 1000 : 0) }));

describe('the load plot', () => {
  const lines = [
    { label: 'level 4 ceiling 2000 rps (app)', rps: 2000, style: 'ceiling' as const },
    { label: 'capacity alarms 1538 rps', rps: 1538, style: 'warning' as const },
    { label: 'level 5 ceiling 52080 rps (advised)', rps: 52_080, style: 'advised' as const },
  ];

  it('draws the load and each ceiling, in the same bytes every time', () => {
    const svg = loadPlot('shop: load', load, lines);
    expect(svg).toBe(loadPlot('shop: load', load, lines));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>\n')).toBe(true);
    expect(svg).toContain('<path d="M70.0 ');
    expect(svg).toContain('load (peak 1500 rps)');
    expect(svg).toContain('level 4 ceiling 2000 rps (app)');
    expect(svg).toContain('capacity alarms 1538 rps');
    expect(svg).toContain('>12-03<');
  });

  it('names a ceiling far above the load below the chart instead of flattening the load', () => {
    const svg = loadPlot('shop: load', load, lines);
    expect(svg).toContain('off the chart: level 5 ceiling 52080 rps (advised)');
    expect(svg.match(/stroke-dasharray="12 4 2 4"/g)).toBeNull();
  });

  it('escapes text', () => {
    expect(loadPlot('a <b> & c', load, [])).toContain('a &lt;b&gt; &amp; c');
  });

  it('takes its lines from a report: the ceiling, the warning line, the measured and the advised ceilings', () => {
    const report = {
      blueprint: { level: 4 },
      headroom: { ceilingRps: 2000, bottleneck: 'app', warningRps: 1538, measured: { ceilingRps: 1400 } },
      advice: { verdict: 'climb', level: 5, ceilingRps: 52_080 },
    } as unknown as ObserveReport;
    expect(ceilingLines(report).map((line) => [line.style, line.rps])).toEqual([['ceiling', 2000], ['warning', 1538], ['measured', 1400], ['advised', 52_080]]);
    expect(ceilingLines({ ...report, headroom: null })).toEqual([]);
  });
});
