import type { AlarmPlan, ClimbAlarmPlan } from './monitoring-plan';
import { nextLevel } from './next-step';
import { formatNumber, percentOf } from './thresholds';
import { levelHeading, regionalTfName, type WatchContext } from './watch-context';

// The climb signal: per region, a composite alarm in ALARM while any of the region's capacity alarms is. Its
// description is what a person reads first: the level, its modeled ceiling and bottleneck, the next level and the
// command that sizes it. https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html

/**
 * A composite alarm's rule names at most 100 alarms:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutCompositeAlarm.html
 */
export const COMPOSITE_MEMBERS_LIMIT = 100;

/**
 * The region's climb composite over its capacity alarms (the first 100, in the order the dashboard lists them; every
 * capacity alarm also notifies the capacity topic itself, and `validate` warns when some are left out), or null when
 * the region has none.
 */
export function climbAlarm(context: WatchContext, alarms: readonly AlarmPlan[]): ClimbAlarmPlan | null {
  const members = alarms.filter((alarm) => alarm.kind === 'capacity').map((alarm) => alarm.alarmName).slice(0, COMPOSITE_MEMBERS_LIMIT);
  if (members.length === 0) return null;
  const { plan, region, primaryRegion, prefix, headroom, model } = context;
  const tiers = model.tiers.filter((tier) => tier.maxRps !== null).map((tier) => `${tier.tier} ${formatNumber(tier.maxRps!)}`).join(', ');
  return {
    id: 'ClimbAlarm',
    tfName: regionalTfName(plan, 'climb_alarm', region),
    alarmName: `${prefix}-climb${region === primaryRegion ? '' : `-${region}`}`,
    region,
    rule: members.map((name) => `ALARM("${name}")`).join(' OR '),
    members,
    description: `${levelHeading(context)} is at ${percentOf(headroom)}% of a ceiling (bottleneck: ${model.bottleneck}): one of ${members.length} capacity alarms fired, and its own description names the tier and the field to change. ` +
      `The level's modeled ceiling is ${formatNumber(context.regionCeilingRps)} rps (per tier, rps: ${tiers}). ` +
      (plan.multiRegion?.mode === 'active-passive' && region === primaryRegion ? 'The standby region runs the same fleets: it carries this load after a failover only while this signal is quiet. ' : '') +
      `Next: ${nextLevel(plan.level)}. Run \`${context.advise}\` for the level that keeps ${formatNumber(headroom * 100)}% headroom over this ceiling.`,
    topic: 'capacity',
  };
}
