import type { AlarmSignal, ArchitecturePlan, DashboardPlan, DimensionValue, MetricPlan, PolicyStatementPlan, TopicPurpose, WatchedAttribute } from '../../../lib/plan';

// What is watched and who is told, as both engines' outputs and the plan can be read into, per region: alarms
// (metric or math, dimensions by meaning, statistic, period, threshold, comparison, evaluation, missing data,
// actions by topic purpose), climb composites (rule), topics (the key that encrypts them and whom it admits,
// who may publish, TLS only), subscriptions, the Slack channel, log groups (retention), metric filters,
// dashboards (widgets and their titles), the key's and topics' policies statement by statement, and the outputs of
// the reference dimensions (CloudFormation: each stack's; Terraform: the configuration's, each once). Alarms,
// composites, topics and log groups are picked out by the physical names the plan gives them (the tiers' own alarms
// are not these).

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A watched resource's attribute: `{watched:fleet:fleet@us-east-1#auto-scaling-group-name}`; the one distribution has no region. */
export const watchedAtom = (kind: string, key: string, region: string, attribute: WatchedAttribute): string =>
  (kind === 'cdn' ? `{watched:cdn:${key}#${attribute}}` : `{watched:${kind}:${key}@${region}#${attribute}}`);

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

/**
 * How an engine writes a policy's deploy-time parts: the account's root principal, the account id, the policy's own
 * resource, and an ARN in the account and its partition (read as `arn:{partition}:<service>:<region>:{account}:<resource>`, else null).
 */
export interface PolicyReader {
  readonly isAccountRoot: (principal: unknown) => boolean;
  readonly isAccountId: (value: unknown) => boolean;
  readonly isSelf: (resource: unknown) => boolean;
  readonly accountArn: (value: unknown) => string | null;
}

/** One statement of a key or topic policy, whoever wrote it: `policy <region> <owner> <sid> <effect> principal=… actions=… resource=… conditions=…`. */
export const statementLine = (region: string, owner: string, statement: Json, read: PolicyReader): string => {
  const principal = statement.Principal;
  const who = principal === '*' || principal?.AWS === '*' ? 'anyone'
    : principal?.Service !== undefined ? `service:${[principal.Service].flat().toSorted().join('+')}`
      : principal?.AWS !== undefined && read.isAccountRoot(principal.AWS) ? 'account' : `?${JSON.stringify(principal)}`;
  const resources = [statement.Resource].flat().map((resource: unknown) => (resource === '*' ? '*' : read.isSelf(resource) ? 'self' : `?${JSON.stringify(resource)}`));
  const conditions = Object.entries((statement.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap(([operator, entries]) =>
    Object.entries(entries).map(([key, value]) => `${operator}:${key}=${read.isAccountId(value) ? 'account-id' : read.accountArn(value) ?? String(value)}`));
  return `policy ${region} ${owner} ${String(statement.Sid)} ${String(statement.Effect)} principal=${who} actions=${[statement.Action].flat().toSorted().join(',')} `
    + `resource=${resources.toSorted().join(',')} conditions=${conditions.toSorted().join(',') || '-'}`;
};

/** The plan's statement in policy JSON's shape, its deploy-time parts as markers {@link PLAN_READER} knows. */
export const planStatement = (statement: PolicyStatementPlan): Json => ({
  Sid: statement.sid,
  Effect: statement.effect,
  Principal: statement.principal.kind === 'service' ? { Service: statement.principal.services } : statement.principal.kind === 'account' ? { AWS: '{account}' } : '*',
  Action: statement.actions,
  Resource: statement.resource === 'self' ? '{self}' : '*',
  Condition: Object.fromEntries(statement.conditions.map(({ operator, key, value }) => [operator, {
    [key]: value.kind === 'literal' ? value.value : value.kind === 'account-id' ? '{account-id}' : `arn:{partition}:${value.service}:${value.region}:{account}:${value.resource}`,
  }])),
});

const PLAN_READER: PolicyReader = {
  isAccountRoot: (value) => value === '{account}', isAccountId: (value) => value === '{account-id}', isSelf: (value) => value === '{self}',
  accountArn: (value) => (typeof value === 'string' && value.startsWith('arn:{partition}:') ? value : null),
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

/** The physical names the plan gives what it watches with: alarms, composites, topics, log groups, outputs. */
export function plannedNames(plan: ArchitecturePlan): { alarms: Set<string>; topics: Set<string>; logGroups: Set<string>; outputIds: Set<string>; outputTfNames: Set<string> } {
  const regions = plan.monitoring.regions;
  return {
    // The stack outputs the plan names for its reference dimensions (other outputs, such as ServerInstanceId, are not monitoring's).
    outputIds: new Set(regions.flatMap((region) => region.outputs.map((output) => output.id))),
    outputTfNames: new Set(regions.flatMap((region) => region.outputs.map((output) => output.tfName))),
    alarms: new Set(regions.flatMap((region) => [...region.alarms.map((alarm) => alarm.alarmName), ...(region.climb ? [region.climb.alarmName] : [])])),
    topics: new Set(regions.flatMap((region) => region.topics.map((topic) => topic.topicName))),
    logGroups: new Set(regions.flatMap((region) => region.logGroups.map((group) => group.name))),
  };
}

/**
 * What the plan's monitoring section says an engine must build: the same for both, but for the outputs, which
 * CloudFormation emits per stack (by id) and Terraform once in its one configuration (by name).
 */
export function planWatching(plan: ArchitecturePlan, engine: 'cloudformation' | 'terraform'): string[] {
  const { monitoring } = plan;
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
    const actions = (purpose: TopicPurpose): string[] => [purpose, ...(region.existingTopicArn === null ? [] : ['existing'])];
    for (const alarm of region.alarms) {
      lines.push(alarmLine({
        region: at, name: alarm.alarmName, signal: signal(alarm.source), comparison: alarm.comparison, threshold: alarm.threshold,
        datapoints: alarm.datapointsToAlarm, evaluation: alarm.evaluationPeriods, missing: alarm.treatMissingData, alarm: actions(alarm.topic), ok: actions(alarm.topic),
      }));
    }
    if (region.climb) lines.push(compositeLine(at, region.climb.alarmName, region.climb.rule, actions(region.climb.topic), actions(region.climb.topic)));
    const keyStatements = region.key.policy.statements.map(planStatement);
    for (const topic of region.topics) {
      const statements = topic.policy.statements.map(planStatement);
      lines.push(topicLine(at, topic.topicName, keyText(keyStatements), statements));
      lines.push(...policyLines(at, topic.topicName, keyStatements, statements, PLAN_READER));
      for (const subscription of topic.subscriptions) lines.push(`subscription ${at} ${topic.topicName} ${subscription.protocol} ${subscription.endpoint}`);
    }
    for (const group of region.logGroups) lines.push(`log-group ${at} ${group.name} retention=${group.retentionDays} key=${group.keyId === region.key.id ? keyText(keyStatements) : 'none'}`);
    for (const filter of region.metricFilters) lines.push(`metric-filter ${at} ${filter.logGroupName} ${filter.pattern} -> ${filter.metricNamespace}/${filter.metricName}=${filter.metricValue}`);
    lines.push(planDashboard(region.dashboard));
    for (const output of region.outputs) {
      if (engine === 'cloudformation') lines.push(cfnOutputLine(at, output.id, dimension(output.value)));
      else if (output.terraform) lines.push(tfOutputLine(output.tfName, dimension(output.value)));
    }
  }
  if (monitoring.globalDashboard) lines.push(planDashboard(monitoring.globalDashboard));
  const { slack } = monitoring.alerts;
  if (slack) {
    lines.push(slackLine({
      region: slack.region, name: slack.configurationName, workspace: slack.workspaceId, channel: slack.channelId,
      topics: slack.topics.map((topic) => `${topic.region}/${topic.topicName}`), guardrails: slack.guardrailPolicies,
      role: `${slack.role.assumedBy}${slack.role.actions.length > 0 ? `:${slack.role.actions.join(',')}` : ''}`,
    }));
  }
  return [...new Set(lines)].toSorted();
}

/** A topic's key's statements and its own, each a line. */
export const policyLines = (region: string, topicName: string, keyStatements: readonly Json[], topicStatements: readonly Json[], read: PolicyReader): string[] => [
  ...keyStatements.map((statement) => statementLine(region, `key-of:${topicName}`, statement, read)),
  ...topicStatements.map((statement) => statementLine(region, `topic:${topicName}`, statement, read)),
];

/** A CloudFormation stack's output of a reference dimension, by its region and id. */
export const cfnOutputLine = (region: string, id: string, meaning: string): string => `output ${region} ${id} = ${meaning}`;

/** A Terraform output of a reference dimension, by its name (one configuration holds every region). */
export const tfOutputLine = (name: string, meaning: string): string => `output ${name} = ${meaning}`;

/** The Slack channel: where, which topics, the guardrails (managed policy names) and the role (who assumes it, and what it may do). */
export interface SlackText {
  readonly region: string;
  readonly name: unknown;
  readonly workspace: unknown;
  readonly channel: unknown;
  readonly topics: readonly string[];
  readonly guardrails: readonly string[];
  readonly role: string;
}

export const slackLine = (slack: SlackText): string => `slack ${slack.region} ${String(slack.name)} workspace=${String(slack.workspace)} channel=${String(slack.channel)} `
  + `topics=${slack.topics.toSorted().join(',')} guardrails=${slack.guardrails.toSorted().join(',') || '-'} role=${slack.role}`;

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
