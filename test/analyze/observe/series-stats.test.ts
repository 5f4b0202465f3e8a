import { divideSeries, linearFit, medianOf, peakOf, periodOf, sumSeries } from '../../../lib/analyze/observe/series-stats';
import { rateAtTarget } from '../../../lib/analyze/observe/tier-analysis';

const series = (...values: number[]) => values.map((v, index) => ({ t: index * 60_000, v }));

describe('series statistics', () => {
  it('peak, median, sums with missing datapoints as 0, quotients at shared times, the period', () => {
    expect(peakOf(series(1, 5, 3))).toEqual({ t: 60_000, v: 5 });
    expect(medianOf(series(4, 1, 3, 2))).toBe(2.5);
    expect(sumSeries([series(1, 2), [{ t: 60_000, v: 10 }, { t: 120_000, v: 7 }]])).toEqual([{ t: 0, v: 1 }, { t: 60_000, v: 12 }, { t: 120_000, v: 7 }]);
    expect(divideSeries(series(10, 20, 30), series(2, 0, 3))).toEqual([{ t: 0, v: 5 }, { t: 120_000, v: 10 }]);
    expect(periodOf([series(1, 2, 3)])).toBe(60);
    expect(periodOf([series(1)])).toBeNull();
  });

  it('fits a line, or says x never varied', () => {
    expect(linearFit([[0, 5], [100, 30], [200, 55]])).toEqual({ slope: 0.25, intercept: 5 });
    expect(linearFit([[1, 5], [1, 6]])).toBeNull();
  });
});

describe('requests an instance serves at its CPU target', () => {
  it('reads a line through CPU against requests, leaving saturated datapoints out', () => {
    const rates = series(20, 40, 80, 120, 400);
    const cpu = series(10, 15, 25, 35, 100);
    expect(rateAtTarget(rates, cpu, 60)).toEqual({ peakRps: 400, cpuAtPeak: 100, atTarget: 220, method: 'fit' });
  });

  it('falls back to a proportion when the load never varied', () => {
    expect(rateAtTarget(series(50, 50, 50), series(30, 30, 30), 60)).toEqual({ peakRps: 50, cpuAtPeak: 30, atTarget: 100, method: 'ratio' });
  });

  it('tells nothing when CPU stayed idle or was not measured', () => {
    expect(rateAtTarget(series(1, 2, 3), series(2, 3, 4), 60)).toEqual({ peakRps: 3, cpuAtPeak: 4, atTarget: null, method: null });
    expect(rateAtTarget(series(1, 2, 3), undefined, 60)).toEqual({ peakRps: 3, cpuAtPeak: null, atTarget: null, method: null });
  });
});
