import type { ArchitecturePlan } from '../../plan';
import type { RegionQuery, QueryWindow } from './metric-query';
import { SIGNAL_TEXT } from './observe-metrics';
import type { AdviceSummary, HeadroomSummary, ObserveReport } from './observe-report';
import type { UnqueriedSignal } from './observed-series';
import type { SignalSummary, TierObservation } from './tier-analysis';

// The text forms of `tierup observe`: the query as a shell script that fetches one file per call, and the
// analysis as a report a human reads top to bottom (load, tiers, headroom, contradictions, advice).

/** `--query`: a runnable script, one `aws cloudwatch get-metric-data` per call, each with its region and output file. */
export function formatQueryScript(plan: ArchitecturePlan, spec: string, calls: readonly RegionQuery[], window: QueryWindow, unqueried: readonly UnqueriedSignal[]): string {
  const lines = [
    `# tierup observe: CloudWatch metrics of ${plan.name} (${plan.environment}) at level ${plan.level} (${plan.levelName}),`,
    `# ${iso(window.start)} → ${iso(window.end)}, ${duration(window.periodSeconds)} datapoints, ${calls.length} call(s): CloudWatch is regional.`,
    `# Run with credentials allowed cloudwatch:GetMetricData, then: tierup observe ${spec} ${calls.map((call) => call.file).join(' ')}`,
    ...unqueried.map((signal) => `# not queried: ${signal.tier}${signal.region === plan.regions[0].region ? '' : ` (${signal.region})`} ${signal.signal}: ${signal.reason}`),
  ];
  for (const call of calls) {
    lines.push(`aws cloudwatch get-metric-data --region ${call.region} --cli-input-json ${shellQuote(JSON.stringify(call.input))} > ${call.file}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The analysis as text. */
export function formatObserveReport(plan: ArchitecturePlan, report: ObserveReport): string {
  const lines: string[] = [];
  const { window } = report;
  lines.push(`${plan.name} (${plan.environment}) at level ${plan.level} (${plan.levelName}), measured ${time(window.first)} → ${time(window.last)} UTC` +
    (window.periodSeconds ? ` (${duration(window.periodSeconds)} datapoints)` : ''));
  lines.push('');
  const { load } = report;
  lines.push(load
    ? `load: peak ${value(load.peakRps)} rps (${time(load.peakAt)} UTC), typical ${value(load.typicalRps)} rps (median), ${LOAD_SOURCES[load.source]}`
    : 'load: no request count in the exports: the headroom and the advice need one (see "not queried" below)');
  for (const tier of report.tiers) lines.push('', ...tierLines(plan, report, tier));
  if (report.headroom && load) lines.push('', ...headroomLines(report.headroom, load.peakRps));
  if (report.contradictions.length > 0) {
    lines.push('', 'the data contradicts:');
    for (const found of report.contradictions) lines.push(`  - ${found.tier}${regionSuffix(plan, found.region)}: ${found.message}`);
  }
  if (report.advice) lines.push('', ...adviceLines(plan, report.advice));
  if (report.unqueried.length > 0) {
    lines.push('', 'not queried:');
    for (const signal of report.unqueried) lines.push(`  - ${signal.tier}${regionSuffix(plan, signal.region)} ${signal.signal}: ${signal.reason}`);
  }
  if (report.missing.length > 0) lines.push('', `no datapoints for: ${report.missing.map((series) => series.id).join(', ')}`);
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

const LOAD_SOURCES = {
  'load-balancer': 'at the load balancer',
  'access-log': "from the server's access log",
  'cdn': "CloudFront's viewer requests (cached answers included: more than reaches the server)",
} as const;

function tierLines(plan: ArchitecturePlan, report: ObserveReport, tier: TierObservation): string[] {
  const names = tier.signals.map((signal) => signalName(tier, signal));
  const width = Math.max(...names.map((name) => name.length));
  const lines = [`${tier.tier}${regionSuffix(plan, tier.region)}`];
  tier.signals.forEach((signal, index) => {
    lines.push(`  ${names[index].padEnd(width)}  peak ${value(signal.peak, signal.unit).padEnd(8)} typical ${value(signal.typical, signal.unit).padEnd(8)} low ${value(signal.low, signal.unit)}`);
  });
  const rate = report.instanceRates.find((candidate) => candidate.tier === tier.tier && candidate.region === tier.region);
  if (rate) {
    const atPeak = `${value(rate.peakRps)} rps an instance at the peak${rate.cpuAtPeak === null ? '' : `, at ${value(rate.cpuAtPeak)}% CPU`}`;
    lines.push(rate.atTarget === null
      ? `  - ${atPeak}; CPU ${rate.cpuAtPeak === null ? 'was not measured' : 'stayed too low'} to tell what an instance serves at ${rate.cpuTarget}%`
      : `  - an instance serves ~${Math.round(rate.atTarget)} rps at ${rate.cpuTarget}% CPU (${rate.method === 'fit' ? 'a line through CPU against requests' : 'in proportion'}; ${atPeak})`);
  }
  for (const finding of tier.findings) lines.push(`  - ${finding}`);
  return lines;
}

function headroomLines(headroom: HeadroomSummary, peakRps: number): string[] {
  const width = Math.max(...headroom.tiers.map((tier) => tier.tier.length));
  const lines = [`headroom at this level (the capacity model, ${headroom.workload.readRatio * 100}% reads, ${headroom.workload.queriesPerRequest} queries per request; \`tierup capacity --rps ${value(peakRps)}\`):`];
  for (const tier of headroom.tiers) lines.push(`  ${tier.tier.padEnd(width)}  ${String(tier.maxRps).padStart(7)} rps  headroom ${percent(tier.headroom)}`);
  lines.push(`  ceiling ${headroom.ceilingRps} rps (bottleneck: ${headroom.bottleneck}), headroom ${percent(headroom.headroom)}${headroom.headroom < 0 ? ': the peak is above it' : ''}; ` +
    `capacity alarms fire from ${headroom.warningRps} rps`);
  if (headroom.measured) {
    lines.push(`  with the measured rpsPerInstance: ceiling ${headroom.measured.ceilingRps} rps (bottleneck: ${headroom.measured.bottleneck}), headroom ${percent(headroom.measured.headroom)}` +
      (headroom.measured.headroom < 0 ? ': the peak is above it' : ''));
  }
  return lines;
}

function adviceLines(plan: ArchitecturePlan, advice: AdviceSummary): string[] {
  const { input } = advice;
  const lines = [
    `advise on the measured peak: ${value(input.rps)} rps, read ratio ${input.readRatio} (the model's default: CloudWatch cannot tell reads from writes), ` +
      `${input.dataGb} GB of data (${input.dataGbSource}), ${input.rpsPerInstance} rps an instance (${input.rpsPerInstanceSource}), ${input.headroom * 100}% headroom`,
  ];
  const command = `tierup advise --rps ${value(input.rps)} --read-ratio ${input.readRatio} --data-gb ${input.dataGb} --rps-per-instance ${input.rpsPerInstance}` +
    `${input.regions > 1 ? ` --regions ${input.regions}` : ''}${input.teams > 1 ? ` --teams ${input.teams}` : ''} --emit next.yaml`;
  const here = `level ${plan.level} (${plan.levelName})`;
  switch (advice.verdict) {
    case 'climb':
      lines.push(`  climb: level ${advice.level} (${advice.levelName}) carries it (ceiling ${advice.ceilingRps} rps); ${here} does not. A starter blueprint: ${command}`);
      break;
    case 'resize':
      lines.push(`  resize: the peak passed ${here}'s warning line; level ${advice.level} (${advice.levelName}) carries it once sized as below (ceiling ${advice.ceilingRps} rps)`);
      break;
    case 'stay':
      lines.push(`  stay: ${here} carries it${advice.level! < plan.level ? ` (level ${advice.level} (${advice.levelName}) would too)` : ''}`);
      break;
    case 'none':
      lines.push('  no level carries it within the sizing limits');
      break;
  }
  for (const reason of advice.reasons) lines.push(`  - ${reason}`);
  return lines;
}

function signalName(tier: TierObservation, signal: SignalSummary): string {
  const subject = signal.subject === tier.tier ? '' : `${signal.subject} `;
  return `${subject}${SIGNAL_TEXT[signal.signal]}`.replace(' (bytes)', ' (GB)');
}

function value(number: number, unit?: SignalSummary['unit']): string {
  const shown = unit === 'bytes' ? number / 1024 ** 3 : number;
  if (Math.abs(shown) >= 100) return String(Math.round(shown));
  return String(Math.round(shown * 10) / 10);
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

function regionSuffix(plan: ArchitecturePlan, region: string): string {
  return region === plan.regions[0].region ? '' : ` (${region})`;
}

/** 300 → `5-minute`, 3600 → `1-hour`. */
function duration(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}-day`;
  if (seconds % 3600 === 0) return `${seconds / 3600}-hour`;
  if (seconds % 60 === 0) return `${seconds / 60}-minute`;
  return `${seconds}-second`;
}

function time(isoText: string): string {
  return isoText.slice(0, 16).replace('T', ' ');
}

function iso(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/** Single quotes for the shell: a quote inside becomes '\''. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
