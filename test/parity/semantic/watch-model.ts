import type { AlarmSignal, ArchitecturePlan, DashboardPlan, DimensionValue, MetricPlan, TopicPurpose, WatchedAttribute } from '../../../lib/plan';

// What is watched and who is told, as both engines' outputs and the plan can be read into, per region: alarms
// (metric or math, dimensions by meaning, statistic, period, threshold, comparison, evaluation, missing data,
// actions by topic purpose), climb composites (rule), topics (the key that encrypts them and whom it admits,
// who may publish, TLS only), subscriptions, the Slack channel, log groups (retention), metric filters,
// dashboards (widgets and their titles) and the outputs of the reference dimensions. Alarms, composites, topics
// and log groups are picked out by the physical names the plan gives them (the tiers' own alarms are not these).

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A watched resource's attribute: `{watched:fleet:fleet@us-east-1#auto-scaling-group-name}`; the one distribution has no region. */
export const watchedAtom = (kind: string, key: string, region: string, attribute: WatchedAttribute): string =>
  (kind === 'cdn' ? `{watched:cdn:${key}#${attribute}}` : `{watched:${kind}:${key}@${region}#${attribute}}`);

/** `WatchLoadBalancerFullName` → `watch_load_balancer_full_name`: output names compared in Terraform's spelling. */
export const snakeOutput = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** One metric as read from either engine: dimension values already literals or atoms. */
export interface MetricText {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly (readonly [string, string])[];
  readonly stat: string;
  readonly period: unknown;
}

export const metricText = (metric: MetricText): string =>
  `${metric.namespace}/${metric.metricName}{${metric.dimensions.map(([name, value]) => `${name}=${value}`).toSorted().join(',')}} ${metric.stat}/${String(metric.period)}s`;

export const mathText = (expression: unknown, label: unknown, metrics: readonly (readonly [string, MetricText])[]): string =>
  `math(${String(expression)}; ${String(label)}; ${metrics.toSorted(([a], [b]) => (a < b ? -1 : 1)).map(([id, metric]) => `${id}=${metricText(metric)}`).join('; ')})`;

/** An alarm's line. */
export interface AlarmText {
  readonly region: string;
  readonly name: string;
  readonly signal: string;
  readonly comparison: unknown;
  readonly threshold: unknown;
  readonly datapoints: unknown;
  readonly evaluation: unknown;
  readonly missing: unknown;
  readonly alarm: readonly string[];
  readonly ok: readonly string[];
}

export const alarmLine = (alarm: AlarmText): string => `alarm ${alarm.region} ${alarm.name} ${alarm.signal} ${String(alarm.comparison)} ${String(alarm.threshold)} `
  + `${String(alarm.datapoints)}/${String(alarm.evaluation)} missing=${String(alarm.missing)} alarm=${alarm.alarm.toSorted().join(',')} ok=${alarm.ok.toSorted().join(',')}`;

export const compositeLine = (region: string, name: string, rule: unknown, alarm: readonly string[], ok: readonly string[]): string =>
  `composite ${region} ${name} rule=${String(rule)} alarm=${alarm.toSorted().join(',')} ok=${ok.toSorted().join(',')}`;

/** The key that encrypts a topic: `cmk(<services>: <actions>)` for a customer key, by whom its policy admits. */
export const keyText = (statements: readonly Json[] | null): string => {
  if (statements === null) return 'none';
  const admitted = statements.filter((statement) => statement.Effect === 'Allow' && statement.Principal?.Service !== undefined);
  return `cmk(${[...new Set(admitted.flatMap((statement) => [statement.Principal.Service].flat()))].toSorted().join(',')}: `
    + `${[...new Set(admitted.flatMap((statement) => [statement.Action].flat()))].toSorted().join(',')})`;
};

/** Who may publish to a topic (services, with the condition keys that bound them) and whether it refuses plain HTTP. */
export const topicLine = (region: string, name: string, key: string, statements: readonly Json[]): string => {
  const publishers = statements.filter((statement) => statement.Effect === 'Allow' && [statement.Action].flat().some((action: string) => /^sns:publish$/i.test(action)))
    .flatMap((statement) => [statement.Principal?.Service ?? statement.Principal?.AWS].flat().map((principal: unknown) =>
      `${String(principal)}(${Object.values(statement.Condition ?? {}).flatMap((entries) => Object.keys(entries as object)).toSorted().join(',')})`));
  const tls = statements.some((statement) => statement.Effect === 'Deny' && String(statement.Condition?.Bool?.['aws:SecureTransport']) === 'false');
  return `topic ${region} ${name} key=${key} publish=${publishers.toSorted().join(',') || '-'} tls-only=${tls}`;
};

/** A dashboard by its widgets: text, graphs (title, metrics + expressions, horizontal lines), alarm status (title, count). */
export const dashboardLine = (region: string, name: string, body: Json): string => {
  const widgets = (body?.widgets ?? []) as Json[];
  return `dashboard ${region} ${name}: ${widgets.map((widget) => {
    const properties = widget.properties ?? {};
    if (widget.type === 'text') return 'text';
    if (widget.type === 'alarm') return `alarms "${String(properties.title)}" ${(properties.alarms ?? []).length}`;
    const metrics = (properties.metrics ?? []) as Json[][];
    const expressions = metrics.filter((entry) => entry.length === 1 && entry[0]?.expression !== undefined).length;
    const lines = ((properties.annotations?.horizontal ?? []) as Json[]).map((line) => line.value).join(',');
    return `graph "${String(properties.title)}" ${metrics.length - expressions}+${expressions} lines=${lines}`;
  }).join(' | ')}`;
};

/**
 * Whom an alarm of `region` notifies: the purpose of the plan's topic of that name (with the topic's region when it
 * is another, which CloudWatch cannot notify), or `existing` for the blueprint's own topic ARN.
 */
export function purposeOf(plan: ArchitecturePlan, region: string, topic: { region: string; name: string } | null, literal: string | null): string {
  if (literal !== null) return literal === plan.monitoring.alerts.existingTopicArn ? 'existing' : `arn:${literal}`;
  const planned = plan.monitoring.regions.filter((watched) => watched.region === topic?.region).flatMap((watched) => watched.topics)
    .find((candidate) => candidate.topicName === topic?.name);
  const purpose = planned ? planned.purpose : `topic:${topic?.name ?? '?'}`;
  return topic?.region === region ? purpose : `${purpose}@${topic?.region ?? '?'}`;
}

/** The physical names the plan gives what it watches with: alarms, composites, topics, log groups. */
export function plannedNames(plan: ArchitecturePlan): { alarms: Set<string>; topics: Set<string>; logGroups: Set<string>; outputs: Set<string> } {
  const regions = plan.monitoring.regions;
  const metrics = regions.flatMap((region) => [
    ...region.alarms.flatMap((alarm) => (alarm.source.kind === 'metric' ? [alarm.source.metric] : Object.values(alarm.source.metrics))),
    ...region.dashboard.widgets.flatMap((widget) => (widget.kind === 'graph' ? widget.metrics.map((entry) => entry.metric) : [])),
  ]);
  return {
    // The stack outputs the plan names for its reference dimensions (other outputs, such as ServerInstanceId, are not monitoring's).
    outputs: new Set(metrics.flatMap((metric) => metric.dimensions).flatMap(({ value }) => (value.kind === 'reference' ? [snakeOutput(value.outputName)] : []))),
    alarms: new Set(regions.flatMap((region) => [...region.alarms.map((alarm) => alarm.alarmName), ...(region.climb ? [region.climb.alarmName] : [])])),
    topics: new Set(regions.flatMap((region) => region.topics.map((topic) => topic.topicName))),
    logGroups: new Set(regions.flatMap((region) => region.logGroups.map((group) => group.name))),
  };
}

/** What the plan's monitoring section says both engines must build. */
export function planWatching(plan: ArchitecturePlan): string[] {
  const { monitoring } = plan;
  const existing = monitoring.alerts.existingTopicArn;
  const lines: string[] = [];
  const dimension = (value: DimensionValue): string => (value.kind === 'literal' ? value.value
    : watchedAtom(value.resource.kind, value.resource.key, value.resource.region, value.attribute));
  const text = (metric: MetricPlan): MetricText => ({
    namespace: metric.namespace, metricName: metric.metricName, stat: metric.statistic, period: metric.periodSeconds,
    dimensions: metric.dimensions.map((entry) => [entry.name, dimension(entry.value)] as const),
  });
  const signal = (source: AlarmSignal): string => (source.kind === 'metric' ? metricText(text(source.metric))
    : mathText(source.expression, source.label, Object.entries(source.metrics).map(([id, metric]) => [id, text(metric)] as const)));
  for (const region of monitoring.regions) {
    const at = region.region;
    const actions = (purpose: TopicPurpose): string[] => [purpose, ...(existing !== null && existing.split(':')[3] === at ? ['existing'] : [])];
    for (const alarm of region.alarms) {
      lines.push(alarmLine({
        region: at, name: alarm.alarmName, signal: signal(alarm.source), comparison: alarm.comparison, threshold: alarm.threshold,
        datapoints: alarm.datapointsToAlarm, evaluation: alarm.evaluationPeriods, missing: alarm.treatMissingData, alarm: actions(alarm.topic), ok: actions(alarm.topic),
      }));
    }
    if (region.climb) lines.push(compositeLine(at, region.climb.alarmName, region.climb.rule, actions(region.climb.topic), actions(region.climb.topic)));
    const key = keyText([{ Effect: 'Allow', Principal: { Service: region.key.servicePrincipals }, Action: region.key.actions }]);
    for (const topic of region.topics) {
      const statements = [
        ...topic.publishers.map((service) => ({ Effect: 'Allow', Principal: { Service: service }, Action: 'sns:Publish', Condition: { StringEquals: { 'aws:SourceAccount': '' } } })),
        { Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ];
      lines.push(topicLine(at, topic.topicName, key, statements));
      for (const subscription of topic.subscriptions) lines.push(`subscription ${at} ${topic.topicName} ${subscription.protocol} ${subscription.endpoint}`);
    }
    for (const group of region.logGroups) lines.push(`log-group ${at} ${group.name} retention=${group.retentionDays}`);
    for (const filter of region.metricFilters) lines.push(`metric-filter ${at} ${filter.logGroupName} ${filter.pattern} -> ${filter.metricNamespace}/${filter.metricName}=${filter.metricValue}`);
    lines.push(planDashboard(region.dashboard));
    const metrics = [...region.alarms.flatMap((alarm) => (alarm.source.kind === 'metric' ? [alarm.source.metric] : Object.values(alarm.source.metrics))),
      ...region.dashboard.widgets.flatMap((widget) => (widget.kind === 'graph' ? widget.metrics.map((entry) => entry.metric) : []))];
    for (const { value } of metrics.flatMap((metric) => metric.dimensions)) if (value.kind === 'reference') lines.push(`output ${at} ${snakeOutput(value.outputName)} = ${dimension(value)}`);
  }
  if (monitoring.globalDashboard) lines.push(planDashboard(monitoring.globalDashboard));
  const { slack } = monitoring.alerts;
  if (slack) lines.push(slackLine(slack.region, slack.configurationName, slack.workspaceId, slack.channelId, slack.topics.map((topic) => `${topic.region}/${topic.topicName}`)));
  return [...new Set(lines)].toSorted();
}

export const slackLine = (region: string, name: unknown, workspace: unknown, channel: unknown, topics: readonly string[]): string =>
  `slack ${region} ${String(name)} workspace=${String(workspace)} channel=${String(channel)} topics=${topics.toSorted().join(',')}`;

function planDashboard(plan: DashboardPlan): string {
  return dashboardLine(plan.region, plan.dashboardName, { widgets: plan.widgets.map((widget) => {
    if (widget.kind === 'text') return { type: 'text' };
    if (widget.kind === 'alarm-status') return { type: 'alarm', properties: { title: widget.title, alarms: widget.alarms } };
    return { type: 'metric', properties: {
      title: widget.title, metrics: [...widget.metrics.map(() => ['metric']), ...widget.expressions.map((entry) => [{ expression: entry.expression }])],
      annotations: { horizontal: widget.annotations },
    } };
  }) });
}
