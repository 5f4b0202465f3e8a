import type { AwsRegion } from '../../spec';
import type { AlertsKeyPlan, AlertsPlan, AlertTopicPlan } from './alerts-plan';

// What a deployed blueprint watches and whom it tells (DESIGN.md §5.9, OBSERVABILITY.md). The plan decides
// every alarm (metric, statistic, period, threshold and the figure it comes from), every topic, key,
// subscription, log group and dashboard widget; both renderers translate them and decide nothing, as with
// the wiring graph. Thresholds of capacity alarms come from the same capacity model that `tierup capacity`
// and `advise` use: ceiling ÷ (1 + headroom).

/** The planned resource whose deploy-time attribute a metric dimension names. */
export interface WatchedRef {
  readonly kind: 'server' | 'fleet' | 'worker' | 'load-balancer' | 'target-group' | 'cdn' | 'health-check';
  /** The resource's Terraform name in the plan (`server`, `fleet`, `service_orders_fleet`, `workers_emails`, `cdn`; `health_check` for a region's health check). */
  readonly key: string;
  readonly region: AwsRegion;
}

/** The deploy-time attribute of a {@link WatchedRef} that a dimension carries. */
export type WatchedAttribute =
  | 'instance-id' // AWS::EC2::Instance / aws_instance id
  | 'auto-scaling-group-name'
  | 'load-balancer-full-name' // app/<name>/<id>, the LoadBalancer dimension
  | 'target-group-full-name' // targetgroup/<name>/<id>, the TargetGroup dimension
  | 'distribution-id'
  | 'health-check-id';

/** A dimension value: known now (a DB identifier, a queue name) or an attribute known only once deployed. */
export type DimensionValue =
  | { readonly kind: 'literal'; readonly value: string }
  | {
      readonly kind: 'reference';
      readonly resource: WatchedRef;
      readonly attribute: WatchedAttribute;
      /**
       * The stack output (CloudFormation output id; Terraform output name in snake_case from it) both engines
       * emit with this value, so `tierup observe --query` can resolve it from `cdk deploy --outputs-file` or
       * `terraform output -json` without AWS credentials.
       */
      readonly outputName: string;
    };

/** One metric dimension. */
export interface DimensionPlan {
  readonly name: string;
  readonly value: DimensionValue;
}

/** CloudWatch statistics tierup uses (percentiles as CloudWatch spells them). */
export type MetricStatistic = 'Average' | 'Sum' | 'Maximum' | 'Minimum' | 'SampleCount' | 'p90' | 'p99';

/** One CloudWatch metric. */
export interface MetricPlan {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly DimensionPlan[];
  readonly statistic: MetricStatistic;
  readonly periodSeconds: number;
  /** Where the metric lives: the resource's region, or us-east-1 for CloudFront and Route 53 health checks. */
  readonly region: AwsRegion;
}

/** What an alarm evaluates: one metric, or metric math over named metrics (ids `m1`, `m2`, …). */
export type AlarmSignal =
  | { readonly kind: 'metric'; readonly metric: MetricPlan }
  | {
      readonly kind: 'math';
      /** The expression's own id (`e1`), which the alarm evaluates; it differs from its metrics' ids. */
      readonly id: string;
      /** e.g. `100 * m1 / m2`; ids are the keys of `metrics`. */
      readonly expression: string;
      readonly label: string;
      readonly periodSeconds: number;
      readonly metrics: Readonly<Record<string, MetricPlan>>;
    };

/** `capacity`: the level nears its ceiling, plan the climb. `page`: something is broken, act now. */
export type AlarmKind = 'capacity' | 'page';

/** Which of a region's topics an alarm notifies. */
export type TopicPurpose = 'alerts' | 'capacity';

/** One CloudWatch alarm. */
export interface AlarmPlan {
  /** CloudFormation construct id, e.g. `DatabaseConnectionsAlarm`: fixed or from user-given names, never positions. */
  readonly id: string;
  readonly tfName: string;
  /** Physical name, unique per account and region (app and environment in it); composite rules name it. */
  readonly alarmName: string;
  readonly region: AwsRegion;
  readonly kind: AlarmKind;
  /** The tier it watches: `server`, `app`, `database`, `shard-1`, `cache`, `queue-emails`, `service-orders`, `region-eu-west-1`… */
  readonly tier: string;
  /** What it measures, short: `requests`, `cpu`, `connections`, `replica-lag`, `dead-letters`… */
  readonly signal: string;
  /** What a human reads first: what happened, what it means at this level, what to do (next level, field, command). */
  readonly description: string;
  readonly source: AlarmSignal;
  readonly comparison: 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
  readonly threshold: number;
  /** Where the threshold comes from, in words and figures: "77% of 2,000 rps: rpsPerInstance 200 × max 10, ÷ 1.3 headroom". */
  readonly thresholdSource: string;
  /**
   * Capacity alarms: the ceiling of the capacity model the threshold keeps its headroom below, in the alarm's own
   * unit (threshold = ceiling ÷ (1 + headroom)); absent on pages. Renderers ignore it; `observe` and the tests read it.
   */
  readonly ceiling?: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: 'missing' | 'notBreaching' | 'breaching' | 'ignore';
  /** The topic in the alarm's own region that it notifies, on ALARM and on OK. */
  readonly topic: TopicPurpose;
}

/** The per-region "climb" signal: a composite alarm over the region's capacity alarms. */
export interface ClimbAlarmPlan {
  readonly id: string;
  readonly tfName: string;
  readonly alarmName: string;
  readonly region: AwsRegion;
  /** `ALARM("shop-production-app-requests") OR ALARM(...)`, over alarm names of this region. */
  readonly rule: string;
  /** The alarm names the rule names: created before the composite. */
  readonly members: readonly string[];
  /** "Level 4 (fleet) is at 77% of its ceiling (bottleneck: …); level 5 lifts it: tierup advise …". */
  readonly description: string;
  readonly topic: 'capacity';
}

/** A CloudWatch Logs group the instances ship to, with a retention. */
export interface LogGroupPlan {
  readonly id: string;
  readonly tfName: string;
  /** e.g. `/tierup/shop/production/app`, what the CloudWatch agent writes to. */
  readonly name: string;
  readonly region: AwsRegion;
  readonly retentionDays: number;
  /** The region's key that encrypts it ({@link AlertsKeyPlan.id}). */
  readonly keyId: string;
  /** What goes in: the app's journal, the web server's access or error log. */
  readonly content: 'app' | 'web-access' | 'web-error' | 'worker';
  /** Whose it is: the app's (both null), a service's, or a queue's workers' (of the app or a service). */
  readonly owner: { readonly service: string | null; readonly queue: string | null };
}

/** A metric filter that counts requests from a web server's access log (levels 1-3 have no load balancer). */
export interface MetricFilterPlan {
  readonly id: string;
  readonly tfName: string;
  readonly logGroupName: string;
  readonly region: AwsRegion;
  readonly pattern: string;
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly metricValue: string;
}

/** One dashboard widget, laid out on CloudWatch's 24-column grid. */
export type WidgetPlan =
  | {
      readonly kind: 'text';
      readonly x: number; readonly y: number; readonly width: number; readonly height: number;
      readonly markdown: string;
    }
  | {
      readonly kind: 'graph';
      readonly x: number; readonly y: number; readonly width: number; readonly height: number;
      readonly title: string;
      readonly region: AwsRegion;
      /** Metrics drawn as lines; math entries name metrics of the same widget by id. */
      readonly metrics: readonly { readonly id: string; readonly label: string; readonly metric: MetricPlan; readonly visible: boolean }[];
      readonly expressions: readonly { readonly id: string; readonly label: string; readonly expression: string }[];
      /** Horizontal lines: the level's ceiling and the warning line (ceiling ÷ (1 + headroom)). */
      readonly annotations: readonly { readonly label: string; readonly value: number }[];
      readonly stat: MetricStatistic;
      readonly periodSeconds: number;
    }
  | {
      readonly kind: 'alarm-status';
      readonly x: number; readonly y: number; readonly width: number; readonly height: number;
      readonly title: string;
      /** Alarm names (ARNs are built from them in the renderer's region and account). */
      readonly alarms: readonly string[];
    };

/** A CloudWatch dashboard. */
export interface DashboardPlan {
  readonly id: string;
  readonly tfName: string;
  /** Unique per account (dashboards are global): app, environment and region or `global` in it. */
  readonly dashboardName: string;
  /** The stack region that creates it. */
  readonly region: AwsRegion;
  /** The stack that creates it (CloudFormation; Terraform holds every region in one configuration). */
  readonly stackName: string;
  readonly widgets: readonly WidgetPlan[];
}

/** A reference dimension: a deploy-time attribute of a planned resource, with the output that holds it. */
export type ReferenceDimension = Extract<DimensionValue, { readonly kind: 'reference' }>;

/**
 * The stack output that carries one reference dimension's deployed value, which `tierup observe --query` reads
 * (`cdk deploy --outputs-file`, `terraform output -json`).
 */
export interface WatchOutputPlan {
  /** CloudFormation output id in this region's stack: the reference's `outputName`. */
  readonly id: string;
  /**
   * Terraform output name, unique in the one configuration that holds every region: the output name in snake case,
   * then the resource's region outside the primary (`watch_app_target_group_full_name_eu_west_1`).
   */
  readonly tfName: string;
  /** Whether this region's Terraform emits it: an output several regions name is emitted once, by the first. */
  readonly terraform: boolean;
  readonly value: ReferenceDimension;
}

/** Everything watched in one region, created by that region's stack. */
export interface RegionMonitoringPlan {
  readonly region: AwsRegion;
  /**
   * The stack that creates it: the region's own stack (`plan.regions`), or, for the us-east-1 alarms of
   * CloudFront and Route 53 when no blueprint region is us-east-1, a stack of its own
   * (`<name>-<environment>-monitoring-us-east-1`; Terraform: the us-east-1 provider alias).
   */
  readonly stackName: string;
  /** True for that extra us-east-1 stack, which holds only the global services' alarms and their topics. */
  readonly globalServicesOnly: boolean;
  readonly key: AlertsKeyPlan;
  readonly topics: readonly AlertTopicPlan[];
  /** The blueprint's existing topic when it is in this region (alarms notify topics of their own region only), else null. */
  readonly existingTopicArn: string | null;
  readonly alarms: readonly AlarmPlan[];
  /** Null when the region has no capacity alarm. */
  readonly climb: ClimbAlarmPlan | null;
  readonly logGroups: readonly LogGroupPlan[];
  readonly metricFilters: readonly MetricFilterPlan[];
  readonly dashboard: DashboardPlan;
  /** One output per reference dimension of the region's alarms and dashboard, in plan order. */
  readonly outputs: readonly WatchOutputPlan[];
}

/** The whole monitoring section of a plan. */
export interface MonitoringPlan {
  readonly alerts: AlertsPlan;
  /**
   * One per stack region that watches something: the blueprint's regions, plus us-east-1 where CloudFront or
   * Route 53 health-check metrics need alarms and no blueprint region is us-east-1.
   */
  readonly regions: readonly RegionMonitoringPlan[];
  /** Level 7: one dashboard across regions; null below. */
  readonly globalDashboard: DashboardPlan | null;
}
