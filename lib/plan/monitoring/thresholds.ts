// Thresholds from the capacity model: a capacity alarm fires at ceiling ÷ (1 + headroom), so a level warns while
// the headroom `advise` sized it with is still there (77% of the ceiling at the default 30%).

/** Two decimals: what CloudWatch shows and what a reader compares. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The warning line below a ceiling: ceiling ÷ (1 + headroom), to two decimals. */
export function warningLine(ceiling: number, headroom: number): number {
  return round2(ceiling / (1 + headroom));
}

/** A capacity alarm's threshold with the ceiling it comes from and the words that trace it. */
export interface CapacityThreshold {
  readonly threshold: number;
  readonly ceiling: number;
  readonly thresholdSource: string;
}

/**
 * The threshold of a capacity alarm: `ceiling` in the alarm's unit, `unit` its name, `origin` where the ceiling
 * comes from ("rpsPerInstance 200 × scaling.max 10").
 */
export function capacityThreshold(ceiling: number, headroom: number, unit: string, origin: string): CapacityThreshold {
  const threshold = warningLine(ceiling, headroom);
  return {
    threshold,
    ceiling,
    thresholdSource: `${percentOf(headroom)}% of ${formatNumber(ceiling)}${unit.startsWith('%') ? unit : ` ${unit}`} (${origin}), ÷ ${formatNumber(round2(1 + headroom))} for ${formatNumber(round2(headroom * 100))}% headroom`,
  };
}

/** The share of the ceiling at which capacity alarms fire, in whole percent: 77 at 30% headroom. */
export function percentOf(headroom: number): number {
  return Math.round(100 / (1 + headroom));
}

/** 1234567.891 → "1,234,567.89": grouped thousands, at most two decimals, no locale dependence. */
export function formatNumber(value: number): string {
  const rounded = round2(value);
  const [whole, fraction] = Math.abs(rounded).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const decimals = fraction.replace(/0+$/, '');
  return `${rounded < 0 ? '-' : ''}${grouped}${decimals ? `.${decimals}` : ''}`;
}

/** Gibibytes as bytes, for FreeStorageSpace (which CloudWatch reports in bytes). */
export function gibToBytes(gib: number): number {
  return gib * 1024 ** 3;
}
