import type { ArchitecturePlan } from '../plan';
import { describeLevel } from '../spec/levels';
import type { CostEstimate, CostLine } from './cost-model';
import { HOURS_PER_MONTH } from './data/prices';
import type { UsageAssumptions } from './data/usage-defaults';

/** The estimate as a reviewer reads it: one row per billable part, then min / expected / max totals. */
export function formatCost(plan: ArchitecturePlan, lines: readonly CostLine[], estimate: CostEstimate, usage: UsageAssumptions): string {
  const rows = estimate.items.map((item, index) => {
    const { quantity } = lines[index];
    const range = quantity.min === quantity.max ? '' : ` (${number(quantity.min)}-${number(quantity.max)})`;
    return [
      item.component,
      item.resource,
      `${number(item.quantity)}${range} ${item.unit}`,
      item.unitPrice === null ? 'unpriced' : `${item.unitPrice}`,
      item.monthly === null ? 'unpriced' : money(item.monthly),
    ];
  });
  const header = ['component', 'resource', 'quantity', 'unit price', 'monthly'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const render = (row: readonly string[]) => row.map((cell, column) => (column >= 3 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  const { min, expected, max } = estimate.monthly;
  return [
    `${plan.name} (${plan.environment}) at level ${describeLevel(plan.level)}: monthly estimate in USD`,
    `on-demand list prices of ${estimate.priceDate}, ${HOURS_PER_MONTH} h/month; fleets at min / desired / max`,
    '',
    render(header),
    ...rows.map(render),
    '',
    `total per month: min ${money(min)}  expected ${money(expected)}  max ${money(max)}`,
    `usage assumed: ${number(usage.requestsPerMonth)} requests, ${number(usage.transferGb)} GB out, ${number(usage.natGbPerRegion)} GB through NAT per region, ` +
      `${number(usage.staticGb)} GB static assets, ${number(usage.messagesPerQueuePerMonth)} messages per queue, ${number(usage.publishesPerEventPerMonth)} publishes per event`,
    '',
  ].join('\n');
}

function money(value: number): string {
  return value.toFixed(2);
}

function number(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
