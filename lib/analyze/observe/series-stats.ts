// Small statistics over time series: peaks, medians, sums across series, pairs at shared timestamps and a
// least-squares line. Pure, so the analysis can be tested on hand-made numbers.

/** One datapoint: epoch milliseconds and a value. */
export interface Point {
  readonly t: number;
  readonly v: number;
}

/** The largest value and when it happened (the first such datapoint). */
export function peakOf(points: readonly Point[]): Point {
  return points.reduce((high, point) => (point.v > high.v ? point : high));
}

/** The smallest value and when it happened. */
export function lowOf(points: readonly Point[]): Point {
  return points.reduce((low, point) => (point.v < low.v ? point : low));
}

/** The median value (the typical level over the window). */
export function medianOf(points: readonly Point[]): number {
  const values = points.map((point) => point.v).toSorted((a, b) => a - b);
  const middle = Math.floor(values.length / 2);
  return values.length % 2 === 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

/**
 * The sum of several series at each timestamp any of them has: a missing datapoint counts 0, as a load balancer
 * reports no request count for a period without requests.
 */
export function sumSeries(series: readonly (readonly Point[])[]): Point[] {
  const sums = new Map<number, number>();
  for (const points of series) for (const point of points) sums.set(point.t, (sums.get(point.t) ?? 0) + point.v);
  return [...sums.entries()].map(([t, v]) => ({ t, v })).toSorted((a, b) => a.t - b.t);
}

/** `a` divided by `b` at the timestamps both have (and where `b` is not 0). */
export function divideSeries(a: readonly Point[], b: readonly Point[]): Point[] {
  const divisors = new Map(b.map((point) => [point.t, point.v]));
  return a.flatMap((point) => {
    const divisor = divisors.get(point.t);
    return divisor ? [{ t: point.t, v: point.v / divisor }] : [];
  });
}

/** Values of two series at the timestamps both have: [a, b] pairs in time order. */
export function pairsOf(a: readonly Point[], b: readonly Point[]): [number, number][] {
  const other = new Map(b.map((point) => [point.t, point.v]));
  return a.filter((point) => other.has(point.t)).map((point) => [point.v, other.get(point.t)!]);
}

/** The value of a series at a timestamp, or null. */
export function valueAt(points: readonly Point[], t: number): number | null {
  return points.find((point) => point.t === t)?.v ?? null;
}

/** The least-squares line y = intercept + slope · x through the pairs, or null when x does not vary. */
export function linearFit(pairs: readonly (readonly [number, number])[]): { readonly slope: number; readonly intercept: number } | null {
  const n = pairs.length;
  if (n < 2) return null;
  const meanX = pairs.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = pairs.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = pairs.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  if (sxx === 0) return null;
  const sxy = pairs.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

/** The shortest gap between consecutive timestamps: the export's period, in seconds (null with one datapoint). */
export function periodOf(series: readonly (readonly Point[])[]): number | null {
  let shortest: number | null = null;
  for (const points of series) {
    for (let index = 1; index < points.length; index++) {
      const gap = (points[index].t - points[index - 1].t) / 1000;
      if (gap > 0 && (shortest === null || gap < shortest)) shortest = gap;
    }
  }
  return shortest;
}

