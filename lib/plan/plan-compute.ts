import { LOCAL_DATABASE_ENGINES, type LocalDatabasePlan } from './boot/local-database';
import { planRuntime } from './boot/runtime-plan';
import { type AppSpec, type ScalingSpec, scalingSpecSchema, type ScheduleSpec } from '../spec';
import type { DataVolumePlan, Environment, FleetPlan, SchedulePlan, ServerPlan } from './architecture-plan';
import { ENVIRONMENT_DEFAULTS, FIXED_SIZES } from './environment-defaults';
import { instanceArchitecture } from './instance-architecture';
import { pascalCase, snakeCase } from './naming';

/** Level 1's data volume (`app.dataVolumeGb`): on the server at level 1, retired (kept in the account) from level 2. */
export function planDataVolume(physicalPrefix: string, sizeGb: number): DataVolumePlan {
  return {
    id: 'DataVolume', tfName: 'data_volume', sizeGb, deviceName: FIXED_SIZES.dataVolumeDevice, stopInstanceBeforeDetaching: true,
    // A week of daily snapshots, taken in the quiet hours of most of the Americas and Europe.
    snapshots: { id: 'DataVolumeSnapshots', tfName: 'data_volume_snapshots', tagKey: 'tierup:snapshots', tagValue: `${physicalPrefix}-data`, timeUtc: '03:00', retainCount: 7 },
  };
}

/** Levels 1-3: one server; at level 1 (`localEngine` given) it also holds the data volume and runs the database on it. */
/** The server without its front (who reaches it, TLS): see plan-domain's `serverFront`. */
export type ServerCore = Omit<ServerPlan, 'viewers' | 'publicPorts' | 'tls' | 'originProof'>;

export function planServer(app: AppSpec, environment: Environment, localEngine: LocalDatabasePlan['engine'] | null, dataVolume: DataVolumePlan): ServerCore {
  const architecture = instanceArchitecture(app.instanceType ?? ENVIRONMENT_DEFAULTS[environment].appInstanceType);
  return {
    id: 'Server',
    tfName: 'server',
    instanceType: app.instanceType ?? ENVIRONMENT_DEFAULTS[environment].appInstanceType,
    architecture,
    port: app.port,
    healthCheckPath: app.healthCheckPath,
    rpsPerInstance: app.rpsPerInstance,
    rootVolumeGb: FIXED_SIZES.serverRootVolumeGb,
    dataVolume: localEngine === null ? null : dataVolume,
    localDatabase: localEngine === null ? null : LOCAL_DATABASE_ENGINES[localEngine],
    runtime: planRuntime(app, architecture),
  };
}

/** Ids of a fleet: the default app's are fixed literals, a service's derive from its name. */
export interface FleetIds {
  readonly id: string;
  readonly tfName: string;
  readonly name: string;
}

/** The app's ids at level 4 and up. */
export const APP_FLEET_IDS: FleetIds = { id: 'Fleet', tfName: 'fleet', name: 'app' };

/** Level 4 and up: an auto-scaling fleet with every scaling default resolved. */
export function planFleet(app: Omit<AppSpec, 'dataVolumeGb'>, environment: Environment, ids: FleetIds): FleetPlan {
  const defaults = ENVIRONMENT_DEFAULTS[environment];
  const scaling: ScalingSpec = app.scaling ?? scalingSpecSchema.parse({});
  const max = scaling.max ?? Math.max(defaults.scalingMax, scaling.min ?? 0);
  const min = scaling.min ?? Math.min(defaults.scalingMin, max);
  return {
    ...ids,
    instanceType: app.instanceType ?? defaults.appInstanceType,
    architecture: instanceArchitecture(app.instanceType ?? defaults.appInstanceType),
    rootVolumeGb: FIXED_SIZES.serverRootVolumeGb,
    port: app.port,
    healthCheckPath: app.healthCheckPath,
    healthyHttpCodes: '200',
    rpsPerInstance: app.rpsPerInstance,
    min,
    max,
    desired: min,
    targetCpuPercent: scaling.targetCpuPercent,
    requestsPerTarget: scaling.requestsPerTarget ?? null,
    warmupSeconds: scaling.warmupSeconds,
    groupMetrics: GROUP_METRICS,
    // Half the CPU target for 15 minutes: well below where tracking would add instances, so the two never fight.
    scaleIn: { cpuBelowPercent: Math.floor(scaling.targetCpuPercent / 2), evaluationMinutes: 15, cooldownSeconds: scaling.scaleInCooldownSeconds },
    scaleOutCooldownSeconds: scaling.scaleOutCooldownSeconds,
    schedules: scaling.schedules.map((schedule) => planSchedule(schedule, ids)).toSorted((a, b) => a.name.localeCompare(b.name)),
    runtime: planRuntime(app, instanceArchitecture(app.instanceType ?? defaults.appInstanceType)),
  };
}

function planSchedule(schedule: ScheduleSpec, fleet: FleetIds): SchedulePlan {
  return {
    id: `Schedule${pascalCase(schedule.name)}`,
    tfName: `${fleet.tfName}_schedule_${snakeCase(schedule.name)}`,
    name: schedule.name,
    cron: schedule.cron,
    min: schedule.min ?? null,
    max: schedule.max ?? null,
    desired: schedule.desired ?? null,
  };
}

/** The Auto Scaling group metrics every fleet and worker group publishes: what the monitoring alarms and dashboards read. */
export const GROUP_METRICS: readonly string[] = ['GroupInServiceInstances', 'GroupDesiredCapacity', 'GroupMaxSize', 'GroupMinSize'];
