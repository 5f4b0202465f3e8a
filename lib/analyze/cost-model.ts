import { HOURS_PER_MONTH, PRICE_DATE } from './data/prices';

/** A count at the fleet's minimum, its expected (desired) size and its maximum. */
export interface Quantity {
  readonly min: number;
  readonly expected: number;
  readonly max: number;
}

/** One billable part before totalling: quantities at three sizes and the unit price (null: unpriced). */
export interface CostLine {
  readonly component: string;
  readonly resource: string;
  readonly unit: string;
  readonly unitPrice: number | null;
  readonly quantity: Quantity;
}

/** One line of `tierup cost --json`: the expected quantity, and monthly = quantity × unitPrice in cents. */
export interface CostItem {
  readonly component: string;
  readonly resource: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPrice: number | null;
  readonly monthly: number | null;
}

/** The output of `tierup cost --json`. */
export interface CostEstimate {
  readonly currency: 'USD';
  readonly priceDate: string;
  readonly monthly: Quantity;
  readonly items: readonly CostItem[];
  readonly warnings: readonly string[];
}

/** The same count at every size (anything that does not scale). */
export function fixed(count: number): Quantity {
  return { min: count, expected: count, max: count };
}

/** Multiplies every size of a quantity. */
export function scale(quantity: Quantity, factor: number): Quantity {
  return { min: quantity.min * factor, expected: quantity.expected * factor, max: quantity.max * factor };
}

/** A resource billed by the hour, `count` of them all month. */
export function hourly(component: string, resource: string, unit: string, unitPrice: number | null | undefined, count: Quantity): CostLine {
  return { component, resource, unit, unitPrice: unitPrice ?? null, quantity: scale(count, HOURS_PER_MONTH) };
}

/** Storage billed per GB-month. */
export function gbMonth(component: string, resource: string, unitPrice: number | null | undefined, sizeGb: number): CostLine {
  return { component, resource, unit: 'GB-months', unitPrice: unitPrice ?? null, quantity: fixed(sizeGb) };
}

/** Cents, as a bill shows them. */
export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Totals the lines. Each line is rounded to cents first and the totals add the rounded lines, so
 * the printed items add up to the printed totals. Unpriced lines count as nothing and are warned about.
 */
export function summarizeCost(lines: readonly CostLine[]): CostEstimate {
  const total = { min: 0, expected: 0, max: 0 };
  const warnings: string[] = [];
  const items = lines.map((line): CostItem => {
    if (line.unitPrice === null) {
      warnings.push(`no price for ${line.component} ${line.resource}; it is listed as unpriced and left out of the totals`);
      return { component: line.component, resource: line.resource, quantity: line.quantity.expected, unit: line.unit, unitPrice: null, monthly: null };
    }
    for (const size of ['min', 'expected', 'max'] as const) total[size] += roundCents(line.quantity[size] * line.unitPrice);
    return {
      component: line.component,
      resource: line.resource,
      quantity: line.quantity.expected,
      unit: line.unit,
      unitPrice: line.unitPrice,
      monthly: roundCents(line.quantity.expected * line.unitPrice),
    };
  });
  return {
    currency: 'USD',
    priceDate: PRICE_DATE,
    monthly: { min: roundCents(total.min), expected: roundCents(total.expected), max: roundCents(total.max) },
    items,
    warnings,
  };
}
