import type { ArchitecturePlan } from '../plan';
import { describeLevel } from '../spec/levels';
import type { CapacityReport, Workload } from './capacity';

/** The capacity report as text: one block per tier, then the bottleneck and the headroom. */
export function formatCapacity(plan: ArchitecturePlan, report: CapacityReport, workload: Workload, loadRps?: number): string {
  const width = Math.max(...report.tiers.map((tier) => tier.tier.length));
  const lines = [
    `${plan.name} (${plan.environment}) at level ${describeLevel(plan.level)}: modeled capacity`,
    `workload: ${workload.readRatio * 100}% reads, ${workload.queriesPerRequest} database queries per request`,
    '',
  ];
  for (const tier of report.tiers) {
    lines.push(`${tier.tier.padEnd(width)}  ${tier.maxRps === null ? 'not loaded' : `${tier.maxRps} rps`}`);
    for (const note of tier.notes) lines.push(`${' '.repeat(width)}  - ${note}`);
  }
  lines.push('', `ceiling: ${report.maxRps} rps, bottleneck: ${report.bottleneck}`);
  if (report.headroom !== undefined && loadRps !== undefined) {
    const verdict = report.headroom < 0 ? 'OVERLOADED: climb or resize the bottleneck' : 'carries the load';
    lines.push(`load: ${loadRps} rps, headroom ${Math.round(report.headroom * 100)}% ((capacity − load) / load): ${verdict}`);
  }
  return `${lines.join('\n')}\n`;
}
