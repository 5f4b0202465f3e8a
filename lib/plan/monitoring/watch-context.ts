import type { AwsRegion } from '../../spec';
import type { ArchitecturePlan } from '../architecture-plan';
import { CAPACITY_FIGURES } from '../capacity/capacity-figures';
import { type CapacityReport, DEFAULT_WORKLOAD, modelCapacity, servingRegions } from '../capacity/model-capacity';
import { pascalCase, physicalPrefix, snakeCase } from '../naming';
import { regionSuffix } from '../plan-database';
import type { AlarmPlan, DimensionPlan, DimensionValue, MetricPlan, MetricStatistic, ReferenceDimension, WatchedAttribute, WatchedRef } from './monitoring-plan';
import { formatNumber } from './thresholds';

// What every alarm builder shares: the plan, the region, the headroom, the model's figures for the level, and
// the one way alarms, metrics and deploy-time references are named.

/** The plan without the sections derived from it. */
export type UnwatchedPlan = Omit<ArchitecturePlan, 'wiring' | 'monitoring'>;

/** The plan, the region being watched and the figures every description quotes. */
export interface WatchContext {
  readonly plan: UnwatchedPlan;
  readonly region: AwsRegion;
  readonly primaryRegion: AwsRegion;
  /** `shop-prod`: the start of every physical name. */
  readonly prefix: string;
  readonly headroom: number;
  /** The capacity model at its default workload: the level's ceiling and bottleneck. */
  readonly model: CapacityReport;
  /** The load this region carries at the level's ceiling (the model's, split between active regions). */
  readonly regionCeilingRps: number;
  /** `tierup advise …` sized for the level's ceiling: what to run when the climb signal fires. */
  readonly advise: string;
}

/** The context of one region of a plan. */
export function watchContext(plan: UnwatchedPlan, region: AwsRegion, headroom: number): WatchContext {
  const model = modelCapacity(plan, DEFAULT_WORKLOAD);
  return {
    plan, region, primaryRegion: plan.regions[0].region, prefix: physicalPrefix(plan.name, plan.environment), headroom, model,
    regionCeilingRps: model.maxRps / servingRegions(plan),
    advise: adviseCommand(plan, Math.max(1, model.maxRps)),
  };
}

/**
 * `tierup advise` for a load at this level's ceiling: the command names the level whose capacity keeps the headroom
 * over it, i.e. the next step. Data is the database's allocated storage (every shard's), or level 1's data volume.
 */
export function adviseCommand(plan: UnwatchedPlan, rps: number): string {
  const shards = 1 + (plan.shards?.shards.length ?? 0);
  const dataGb = plan.database ? plan.database.storageGb * shards : (plan.server?.dataVolume?.sizeGb ?? 20);
  const regions = plan.regions.length > 1 ? ` --regions ${plan.regions.length}` : '';
  const teams = plan.services.length > 0 ? ` --teams ${plan.services.length + 1}` : '';
  return `tierup advise --rps ${rps} --read-ratio ${CAPACITY_FIGURES.readRatio} --data-gb ${dataGb}${regions}${teams}`;
}

/** Who an alarm belongs to: its construct-id and Terraform prefixes, the word in its physical name, its tier. */
export interface AlarmOwner {
  readonly id: string;
  readonly tfName: string;
  readonly name: string;
  readonly tier: string;
}

/** An alarm before its names: what {@link namedAlarm} completes. */
export type AlarmInput = Omit<AlarmPlan, 'id' | 'tfName' | 'alarmName' | 'region' | 'tier' | 'topic'>;

/**
 * Names an alarm after its owner and signal: `DatabaseConnectionsAlarm`, `database_connections_alarm`,
 * `shop-prod-database-connections` (a further region's name ends in the region, so the primary's never change),
 * and routes capacity signals to the capacity topic and pages to the alerts topic.
 */
export function namedAlarm(context: WatchContext, owner: AlarmOwner, input: AlarmInput): AlarmPlan {
  const { region, primaryRegion, prefix } = context;
  return {
    id: `${owner.id}${pascalCase(input.signal)}Alarm`,
    tfName: regionalTfName(context.plan, `${owner.tfName}_${snakeCase(input.signal)}_alarm`, region),
    alarmName: `${prefix}-${owner.name}-${input.signal}${region === primaryRegion ? '' : `-${region}`}`,
    region,
    tier: owner.tier,
    topic: input.kind === 'capacity' ? 'capacity' : 'alerts',
    ...input,
  };
}

/**
 * Terraform names: the primary region's as they are, a further region's with its region appended, so a
 * blueprint that climbs to level 7 keeps its primary's names.
 */
export function regionalTfName(plan: Pick<UnwatchedPlan, 'regions'>, tfName: string, region: AwsRegion): string {
  return region === plan.regions[0].region ? tfName : `${tfName}_${snakeCase(region)}`;
}

/** One metric of the region being watched (or of `region`, for us-east-1's global services). */
export function metric(
  context: Pick<WatchContext, 'region'>, namespace: string, metricName: string, statistic: MetricStatistic, periodSeconds: number,
  dimensions: readonly DimensionPlan[], region: AwsRegion = context.region,
): MetricPlan {
  return { namespace, metricName, statistic, periodSeconds, dimensions, region };
}

/** A dimension whose value is known now. */
export function literal(name: string, value: string): DimensionPlan {
  return { name, value: { kind: 'literal', value } };
}

/** Output names of deploy-time attributes, before the owner's name and the region. */
const OUTPUT_SUFFIXES = {
  'instance-id': 'InstanceId',
  'auto-scaling-group-name': 'AutoScalingGroupName',
  'load-balancer-full-name': 'FullName',
  'target-group-full-name': 'TargetGroupFullName',
  'distribution-id': 'DistributionId',
  'health-check-id': 'HealthCheckId',
} as const satisfies Record<WatchedAttribute, string>;

/**
 * A dimension whose value exists once deployed, with the stack output both engines emit for it: `Watch` + the
 * owner + the attribute (`WatchAppTargetGroupFullName`), and the resource's region for a further region's
 * (`…EuWest1`), so the outputs stay unique across the Terraform app.
 */
export function reference(
  plan: Pick<UnwatchedPlan, 'regions'>, name: string, resource: WatchedRef, attribute: WatchedAttribute, owner: string,
): DimensionPlan {
  const region = resource.region === plan.regions[0].region ? '' : regionSuffix(resource.region);
  const value: DimensionValue = { kind: 'reference', resource, attribute, outputName: `Watch${owner}${OUTPUT_SUFFIXES[attribute]}${region}` };
  return { name, value };
}

/**
 * A reference's Terraform output name: its output name in snake case without the region, then the resource's region
 * outside the primary as Terraform names end (`watch_app_target_group_full_name_eu_west_1`), unique in the one
 * configuration that holds every region.
 */
export function outputTfName(plan: Pick<UnwatchedPlan, 'regions'>, value: ReferenceDimension): string {
  const further = value.resource.region !== plan.regions[0].region;
  const suffix = further ? regionSuffix(value.resource.region) : '';
  const base = suffix !== '' && value.outputName.endsWith(suffix) ? value.outputName.slice(0, -suffix.length) : value.outputName;
  return `${base.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}${further ? `_${snakeCase(value.resource.region)}` : ''}`;
}

/** "Level 4 (fleet) in eu-west-1": how every description starts. */
export function levelHeading(context: WatchContext): string {
  const { plan, region, primaryRegion } = context;
  return `${plan.name} (${plan.environment}), level ${plan.level} (${plan.levelName})${region === primaryRegion ? '' : ` in ${region}`}`;
}

/**
 * A description in three parts, as a person on call reads it: what happened, what it means at this level, and
 * what to do (the next level or the field to change, and the command to run). CloudWatch keeps 1,024 characters.
 */
export function description(context: WatchContext, what: string, meaning: string, action: string): string {
  return `${levelHeading(context)}: ${what}. ${meaning}. ${action}.`;
}

/** "the level's ceiling of 2,000 rps (bottleneck: app)". */
export function levelCeiling(context: WatchContext): string {
  return `the level's modeled ceiling of ${formatNumber(context.regionCeilingRps)} rps${context.plan.regions.length > 1 ? ' in this region' : ''} (bottleneck: ${context.model.bottleneck})`;
}
