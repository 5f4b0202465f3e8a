import type { FleetPlan } from '../compute-plan';
import { CAPACITY_FIGURES } from '../capacity/capacity-figures';
import { fleetCeilingRps } from '../capacity/model-capacity';
import type { AlarmPlan, DimensionPlan } from './monitoring-plan';
import { AGENT_METRICS, AGENT_NAMESPACE } from './agent-metrics';
import { MATH_EXPRESSION_ID } from './combined-signal';
import { nextLevel } from './next-step';
import { capacityThreshold, formatNumber, percentOf } from './thresholds';
import { type AlarmOwner, description, metric, namedAlarm, reference, type WatchContext } from './watch-context';

// Levels 4+: each fleet behind the load balancer (the app's and every service's), in every region that runs it,
// and the load balancer itself. Load is the target group's request count against the fleet's ceiling (rpsPerInstance
// × scaling.max); requests per instance check rpsPerInstance itself; in-service instances against the maximum say
// when scaling has nowhere left to go.
// ALB metrics: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html

/** A fleet with the owner its alarms are named after and the blueprint fields that size it. */
export interface WatchedFleet {
  readonly fleet: FleetPlan;
  readonly owner: AlarmOwner;
  /** `App` or `ServiceOrders`: the stack outputs of its deploy-time names. */
  readonly outputOwner: string;
  /** Where its fields live in the blueprint: `app` or `services[orders]`. */
  readonly field: string;
  /** "the app's fleet", "service orders's fleet". */
  readonly label: string;
}

/** The app's fleet and every service's, each with its names. */
export function watchedFleets(context: WatchContext): WatchedFleet[] {
  const { plan } = context;
  if (!plan.loadBalancer) return [];
  return [
    ...(plan.fleet ? [{ fleet: plan.fleet, owner: { id: 'App', tfName: 'app', name: 'app', tier: 'app' }, outputOwner: 'App', field: 'app', label: 'the app\'s fleet' }] : []),
    ...plan.services.map((service) => ({
      fleet: service.fleet,
      owner: { id: service.id, tfName: service.tfName, name: `service-${service.name}`, tier: `service-${service.name}` },
      outputOwner: service.id, field: `services[${service.name}]`, label: `service ${service.name}'s fleet`,
    })),
  ];
}

/** The load balancer's full name, the LoadBalancer dimension of every ALB metric. */
export function loadBalancerDimension(context: WatchContext): DimensionPlan {
  return reference(context.plan, 'LoadBalancer', { kind: 'load-balancer', key: 'load_balancer', region: context.region }, 'load-balancer-full-name', 'LoadBalancer');
}

/** A fleet's target group, the TargetGroup dimension. */
export function targetGroupDimension(context: WatchContext, watched: WatchedFleet): DimensionPlan {
  return reference(context.plan, 'TargetGroup', { kind: 'target-group', key: watched.fleet.tfName, region: context.region }, 'target-group-full-name', watched.outputOwner);
}

/** A fleet's Auto Scaling group name, for its group metrics. */
export function groupDimension(context: WatchContext, watched: WatchedFleet): DimensionPlan {
  return reference(context.plan, 'AutoScalingGroupName', { kind: 'fleet', key: watched.fleet.tfName, region: context.region }, 'auto-scaling-group-name', watched.outputOwner);
}

/** Every fleet's signals, then the load balancer's. */
export function fleetAlarms(context: WatchContext): AlarmPlan[] {
  if (!context.plan.loadBalancer) return [];
  return [...watchedFleets(context).flatMap((watched) => oneFleetAlarms(context, watched)), ...loadBalancerAlarms(context)];
}

function oneFleetAlarms(context: WatchContext, watched: WatchedFleet): AlarmPlan[] {
  const { headroom } = context;
  const { fleet, owner, field, label } = watched;
  const balancer = loadBalancerDimension(context);
  const targets = targetGroupDimension(context, watched);
  const group = groupDimension(context, watched);
  const elb = (metricName: string, statistic: 'Sum' | 'Maximum' | 'Minimum' = 'Sum') => metric(context, 'AWS/ApplicationELB', metricName, statistic, 60, [balancer, targets]);
  const sizing = (metricName: string) => metric(context, 'AWS/AutoScaling', metricName, 'Average', 60, [group]);
  const ceiling = fleetCeilingRps(fleet);
  const origin = `rpsPerInstance ${formatNumber(fleet.rpsPerInstance)} × scaling.max ${fleet.max}`;
  const requests = capacityThreshold(ceiling * 60, headroom, 'requests a minute', `${formatNumber(ceiling)} rps: ${origin}, × 60`);
  const perInstance = capacityThreshold(fleet.rpsPerInstance * 60, headroom, 'requests a minute per instance', `rpsPerInstance ${formatNumber(fleet.rpsPerInstance)} × 60; RequestCountPerTarget is a per-minute sum`);
  const size = capacityThreshold(100, headroom, '% of scaling.max', `${fleet.max} instances`);
  const memory = capacityThreshold(100, headroom, '% of memory', 'each instance');
  const grow = `Next: raise ${field}.scaling.max (${fleet.max} now) or choose a larger ${field}.instanceType (${fleet.instanceType}); when the database or cache is what follows, ${nextLevel(context.plan.level)}; run \`${context.advise}\``;
  const alarms: AlarmPlan[] = [
    namedAlarm(context, owner, {
      kind: 'capacity', signal: 'requests',
      description: description(context,
        `${label} served more than ${formatNumber(requests.threshold)} requests a minute (${formatNumber(requests.threshold / 60)} rps) for 15 minutes`,
        `That is ${percentOf(headroom)}% of its ceiling of ${formatNumber(ceiling)} rps (${origin}); at the ceiling every instance it may start is busy`,
        grow),
      source: { kind: 'metric', metric: elb('RequestCount') },
      comparison: 'GreaterThanOrEqualToThreshold', ...requests, evaluationPeriods: 15, datapointsToAlarm: 15, treatMissingData: 'notBreaching',
    }),
    namedAlarm(context, owner, {
      kind: 'capacity', signal: 'requests-per-instance',
      description: description(context,
        `each instance of ${label} served more than ${formatNumber(perInstance.threshold)} requests a minute (${formatNumber(perInstance.threshold / 60)} rps) for 15 minutes`,
        `rpsPerInstance says one ${fleet.instanceType} serves ${formatNumber(fleet.rpsPerInstance)} rps at its target CPU; instances this busy mean scaling is not adding more (at scaling.max ${fleet.max}, or scaling targets that let instances run hot)`,
        `Check the in-service count against scaling.max; if rpsPerInstance is wrong, measure it (tierup observe) and correct ${field}.rpsPerInstance. ${grow}`),
      source: { kind: 'metric', metric: metric(context, 'AWS/ApplicationELB', 'RequestCountPerTarget', 'Sum', 60, [balancer, targets]) },
      comparison: 'GreaterThanOrEqualToThreshold', ...perInstance, evaluationPeriods: 15, datapointsToAlarm: 15, treatMissingData: 'notBreaching',
    }),
    namedAlarm(context, owner, {
      kind: 'capacity', signal: 'fleet-size',
      description: description(context,
        `${label} ran ${formatNumber(size.threshold)}% or more of its scaling.max of ${fleet.max} instances for 15 minutes`,
        `Target tracking has little room left: at ${fleet.max} instances the fleet serves ${formatNumber(ceiling)} rps and no more`,
        grow),
      source: {
        kind: 'math', id: MATH_EXPRESSION_ID, expression: '100 * m1 / m2', label: 'in service, % of the maximum', periodSeconds: 300,
        metrics: { m1: { ...sizing('GroupInServiceInstances'), periodSeconds: 300 }, m2: { ...sizing('GroupMaxSize'), periodSeconds: 300 } },
      },
      comparison: 'GreaterThanOrEqualToThreshold', ...size, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing',
    }),
    namedAlarm(context, owner, {
      kind: 'capacity', signal: 'memory',
      description: description(context,
        `the instances of ${label} used more than ${formatNumber(memory.threshold)}% of their memory on average for 15 minutes (CloudWatch agent)`,
        'Adding instances does not help an app that outgrows its instance\'s memory; past it the kernel swaps or kills the app',
        `Next: a larger ${field}.instanceType (${fleet.instanceType} now), or find the leak in the app's log group`),
      source: { kind: 'metric', metric: metric(context, AGENT_NAMESPACE, AGENT_METRICS.memory, 'Average', 300, [group]) },
      comparison: 'GreaterThanOrEqualToThreshold', ...memory, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing',
    }),
    namedAlarm(context, owner, {
      kind: 'page', signal: 'at-max-size',
      description: description(context,
        `${label} has run at its scaling.max of ${fleet.max} instances for 15 minutes`,
        'It cannot add instances: more load slows every request down and then fails them',
        `Raise ${field}.scaling.max now and deploy; then plan the climb (the capacity topic says which tier is the bottleneck): run \`${context.advise}\``),
      source: {
        kind: 'math', id: MATH_EXPRESSION_ID, expression: '100 * m1 / m2', label: 'in service, % of the maximum', periodSeconds: 60,
        metrics: { m1: sizing('GroupInServiceInstances'), m2: sizing('GroupMaxSize') },
      },
      comparison: 'GreaterThanOrEqualToThreshold', threshold: 100, thresholdSource: 'every instance scaling.max allows, in service',
      evaluationPeriods: 15, datapointsToAlarm: 15, treatMissingData: 'missing',
    }),
    namedAlarm(context, owner, {
      kind: 'page', signal: 'error-rate',
      description: description(context,
        `more than 1% of the requests to ${label} failed with a 5xx from the app for 5 minutes`,
        'The app fails requests: a bad release, an exhausted database or cache, or a dependency that stopped answering',
        `Read the app's log group and roll back the last release if it started then (an instance refresh to the previous image)`),
      source: { kind: 'math', id: MATH_EXPRESSION_ID, expression: '100 * FILL(m1, 0) / m2', label: '5xx % of requests', periodSeconds: 60, metrics: { m1: elb('HTTPCode_Target_5XX_Count'), m2: elb('RequestCount') } },
      comparison: 'GreaterThanThreshold', threshold: 1, thresholdSource: '1% of requests answered with a 5xx by the targets',
      evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'notBreaching',
    }),
    namedAlarm(context, owner, {
      kind: 'page', signal: 'unhealthy-hosts',
      description: description(context,
        `an instance of ${label} failed the load balancer's health check (${fleet.healthCheckPath}) for 15 minutes`,
        'An instance that never turns healthy is out of service: the others carry its load, and a release that never turns healthy rolls back',
        'Read the instance\'s boot log and the app\'s log group; terminate it if it is stuck (Auto Scaling starts another)'),
      source: { kind: 'metric', metric: elb('UnHealthyHostCount', 'Maximum') },
      comparison: 'GreaterThanOrEqualToThreshold', threshold: 1, thresholdSource: 'any unhealthy host, longer than an instance takes to start and warm up',
      evaluationPeriods: 15, datapointsToAlarm: 15, treatMissingData: 'notBreaching',
    }),
  ];
  // A fleet allowed to scale to zero has no healthy host by design while idle.
  if (fleet.min > 0) {
    alarms.push(namedAlarm(context, owner, {
      kind: 'page', signal: 'no-healthy-hosts',
      description: description(context,
        `${label} had no healthy instance for 2 minutes`,
        'Every request to it fails (the load balancer answers 503)',
        'Read the app\'s log group and the instances\' boot logs; roll back the last release'),
      source: { kind: 'metric', metric: elb('HealthyHostCount', 'Minimum') },
      comparison: 'LessThanThreshold', threshold: 1, thresholdSource: 'no healthy host', evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: 'breaching',
    }));
  }
  return alarms;
}

/** The load balancer: load against what one ALB takes without pre-warming, its own 5xx and refused connections. */
function loadBalancerAlarms(context: WatchContext): AlarmPlan[] {
  const owner: AlarmOwner = { id: 'LoadBalancer', tfName: 'load_balancer', name: 'load-balancer', tier: 'load-balancer' };
  const balancer = loadBalancerDimension(context);
  const elb = (metricName: string) => metric(context, 'AWS/ApplicationELB', metricName, 'Sum', 60, [balancer]);
  const ceiling = CAPACITY_FIGURES.loadBalancerRps;
  const requests = capacityThreshold(ceiling * 60, context.headroom, 'requests a minute', `${formatNumber(ceiling)} rps, the model's figure for one ALB without an LCU reservation, × 60`);
  return [
    namedAlarm(context, owner, {
      kind: 'capacity', signal: 'requests',
      description: description(context,
        `the load balancer took more than ${formatNumber(requests.threshold)} requests a minute for 15 minutes`,
        `The ALB scales by itself, but sudden surges beyond ${formatNumber(ceiling)} rps need warning`,
        'Ask AWS for an LCU reservation before the next peak (Elastic Load Balancing console, Capacity)'),
      source: { kind: 'metric', metric: elb('RequestCount') },
      comparison: 'GreaterThanOrEqualToThreshold', ...requests, evaluationPeriods: 15, datapointsToAlarm: 15, treatMissingData: 'notBreaching',
    }),
    namedAlarm(context, owner, {
      kind: 'page', signal: 'elb-error-rate',
      description: description(context,
        'more than 1% of requests failed with a 5xx from the load balancer itself for 5 minutes',
        'The load balancer found no healthy target or could not reach one (502, 503, 504)',
        'Check the fleets\' healthy host counts and security groups; the unhealthy-hosts alarms name the fleet'),
      source: { kind: 'math', id: MATH_EXPRESSION_ID, expression: '100 * FILL(m1, 0) / m2', label: 'ELB 5xx % of requests', periodSeconds: 60, metrics: { m1: elb('HTTPCode_ELB_5XX_Count'), m2: elb('RequestCount') } },
      comparison: 'GreaterThanThreshold', threshold: 1, thresholdSource: '1% of requests answered with a 5xx by the load balancer', evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'notBreaching',
    }),
    namedAlarm(context, owner, {
      kind: 'page', signal: 'rejected-connections',
      description: description(context,
        'the load balancer refused connections in the last 5 minutes',
        'It had reached its maximum number of connections: viewers saw errors',
        'Ask AWS for an LCU reservation, and check for clients that open a connection per request'),
      source: { kind: 'metric', metric: { ...elb('RejectedConnectionCount'), periodSeconds: 300 } },
      comparison: 'GreaterThanOrEqualToThreshold', threshold: 1, thresholdSource: 'any refused connection (AWS recommended alarms: RejectedConnectionCount)',
      evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'notBreaching',
    }),
  ];
}
