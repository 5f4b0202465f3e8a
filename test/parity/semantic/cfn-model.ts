import { referencedIds } from '../../../lib/analyze/security/template-model';
import { type ArchitecturePlan, WIRING_TAG } from '../../../lib/plan';
import { atom, deliveryLine, fromSymbolicArn, logGroupAtom, majorVersion, nodeOfPhysical, type SemanticModel, statementConditions, toldFrom, toSymbolicArn } from './semantic-model';
import {
  alarmLine, cfnOutputLine, compositeLine, dashboardLine, keyText, mathText, type MetricText, metricText, plannedNames, type PolicyReader, policyLines, purposeOf, slackLine,
  topicLine, watchedAtom,
} from './watch-model';

// The meaning of CloudFormation templates, read from the templates alone (physical names and the wiring tag
// say which resource is which): security-group rules, IAM policies, SSM parameters and stateful properties.

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Resource { readonly Type: string; readonly Properties?: Json }
interface Template { readonly Resources: Record<string, Resource>; readonly Parameters?: Record<string, { readonly Default?: unknown }>; readonly Outputs?: Record<string, { readonly Value: Json }> }

/** One resource, in its template (`stack`) and region. */
interface Located { readonly stack: string; readonly region: string; readonly id: string; readonly resource: Resource }

/** The model of every template of one plan (stack name → template, nested stacks as `<parent>/<id>`). */
export function cfnModel(plan: ArchitecturePlan, templates: Record<string, Template>): SemanticModel {
  const regionOf = (stack: string): string => plan.regions.find((region) => region.stackName === stack.split('/')[0])?.region ?? '?';
  const all: Located[] = Object.entries(templates).flatMap(([stack, template]) =>
    Object.entries(template.Resources).map(([id, resource]) => ({ stack, region: regionOf(stack), id, resource })));
  const find = (stack: string, id: string): Located | undefined => all.find((item) => item.stack === stack && item.id === id);
  const tierKinds = new Map(plan.wiring.tiers.map((tier) => [tier.ref.key, tier.ref.kind]));
  const physical = nodeOfPhysical(plan);

  /** Follows a nested stack's parameter to the parent's expression. */
  const deref = (stack: string, expression: Json): { stack: string; expression: Json } => {
    if (expression?.Ref && stack.includes('/') && !find(stack, expression.Ref)) {
      const [parent, child] = stack.split('/');
      const nested = all.find((item) => item.stack === parent && item.resource.Type === 'AWS::CloudFormation::Stack' && item.id.startsWith(child));
      const passed = nested?.resource.Properties?.Parameters?.[expression.Ref];
      if (passed !== undefined) return deref(parent, passed);
    }
    // Another stack's export, same region (Fn::ImportValue of its output's export name).
    const imported = expression?.['Fn::ImportValue'];
    if (typeof imported === 'string') {
      for (const [name, template] of Object.entries(templates)) {
        const exported = Object.values(template.Outputs ?? {}).find((candidate) => (candidate as { Export?: { Name?: string } }).Export?.Name === imported);
        if (exported) return deref(name, exported.Value);
      }
    }
    // Another region's value, through aws-cdk-lib's cross-region export reader and the producing stack's writer.
    const read = expression?.['Fn::GetAtt'];
    if (read && String(read[1]).startsWith('/cdk/exports/') && find(stack, String(read[0]))?.resource.Type === 'Custom::CrossRegionExportReader') {
      const writer = all.find((item) => item.resource.Type === 'Custom::CrossRegionExportWriter' && item.resource.Properties?.WriterProps?.exports?.[String(read[1])] !== undefined);
      if (writer) return deref(writer.stack, writer.resource.Properties.WriterProps.exports[String(read[1])]);
    }
    const output = expression?.['Fn::GetAtt'];
    if (output && String(output[1]).startsWith('Outputs.')) {
      const child = Object.keys(templates).find((name) => name.startsWith(`${stack}/`) && String(output[0]).startsWith(name.split('/')[1]));
      const value = child ? templates[child].Outputs?.[String(output[1]).slice('Outputs.'.length)]?.Value : undefined;
      if (child && value !== undefined) return deref(child, value);
    }
    return { stack, expression };
  };

  /** A value as text: literals as they are, resource attributes as atoms. */
  const text = (stack: string, raw: Json): string => {
    const { stack: where, expression } = deref(stack, raw);
    if (typeof expression === 'string' || typeof expression === 'number') return String(expression);
    if (expression?.['Fn::Join']) {
      const [separator, parts] = expression['Fn::Join'];
      // A secret replica's ARN joins the two sides of the primary's region field around its own region.
      return fromSymbolicArn((parts as Json[]).map((part) => text(where, part)).join(separator));
    }
    if (expression?.['Fn::Select']) {
      const [index, list] = expression['Fn::Select'];
      return splitText(where, list)[Number(index)] ?? `{?${JSON.stringify(expression)}}`;
    }
    const [id, attribute] = expression?.['Fn::GetAtt'] ?? [expression?.Ref, 'Ref'];
    if (typeof id === 'string' && id.startsWith('AWS::')) return `{${id}}`;
    const target = find(where, id);
    if (!target) return `{?${JSON.stringify(expression)}}`;
    return atomOf(target, attribute);
  };

  /** The items of an `Fn::Split`, with a secret's atom read as its ARN so the split meets its fields. */
  const splitText = (stack: string, expression: Json): string[] => {
    const [separator, source] = expression?.['Fn::Split'] ?? [];
    if (typeof separator !== 'string') return [`{?${JSON.stringify(expression)}}`];
    return toSymbolicArn(text(stack, source)).split(separator);
  };

  const atomOf = (target: Located, attribute: string): string => {
    const { Type, Properties: p } = target.resource;
    const region = target.region;
    switch (`${Type}.${attribute}`) {
      case 'AWS::RDS::DBInstance.Endpoint.Address': return atom('db', p.DBInstanceIdentifier, region, 'address');
      case 'AWS::RDS::DBInstance.MasterUserSecret.SecretArn': return atom('db-secret', p.DBInstanceIdentifier, region);
      case 'AWS::SecretsManager::SecretTargetAttachment.Ref': {
        // The generated master secret, attached to its instance (issue 13): the attachment's Ref is the secret's ARN.
        const instance = find(target.stack, p.TargetId?.Ref);
        return atom('db-secret', instance?.resource.Properties.DBInstanceIdentifier ?? '?', region);
      }
      case 'AWS::RDS::DBProxy.Endpoint': return atom('proxy', p.DBProxyName, region, 'address');
      case 'AWS::ElastiCache::ReplicationGroup.PrimaryEndPoint.Address': return atom('cache', p.ReplicationGroupId, region, 'address');
      case 'AWS::ElastiCache::ReplicationGroup.ReaderEndPoint.Address': return atom('cache', p.ReplicationGroupId, region, 'reader-address');
      case 'AWS::EC2::Volume.Ref': return atom('data-volume', plan.server?.dataVolume?.tfName ?? '?', region);
      case 'AWS::SQS::Queue.Ref': return atom('queue', p.QueueName, region, 'url');
      case 'AWS::SQS::Queue.Arn': return atom('queue', p.QueueName, region, 'arn');
      case 'AWS::SNS::Topic.Ref': return atom('topic', p.TopicName, region, 'arn');
      // The origin proof's secrets carry fixed names; the cache's AUTH token none.
      case 'AWS::SecretsManager::Secret.Ref': if (p.Name) return atom('origin-secret', p.Name, region); {
        const group = all.find((item) => item.resource.Type === 'AWS::ElastiCache::ReplicationGroup' && item.stack === target.stack
          && JSON.stringify(item.resource.Properties.AuthToken).includes(`"${target.id}"`));
        return atom('cache-auth', group?.resource.Properties.ReplicationGroupId ?? '?', region);
      }
      case 'Custom::AWS.Parameter.Value': {
        // A lookup of a parameter in another region: the value that region's parameter holds.
        const call = JSON.parse(p.Create);
        return parameterValue(call.region, call.parameters.Name);
      }
      default: return `{?${Type}.${attribute}}`;
    }
  };

  /** A hosted zone's ARN: by the id the blueprint gave, or by the zone its deploy-time lookup asks Route 53 for. */
  const zoneAtom = (stack: string, resource: Json): string | null => {
    const raw = JSON.stringify(resource);
    if (!raw.includes(':route53:::hostedzone/')) return null;
    const lookup = /"Fn::GetAtt":\["([A-Za-z0-9]+)","HostedZones\.0\.Id"\]/.exec(raw)?.[1];
    const zone = lookup
      ? JSON.parse(String(find(stack, lookup)?.resource.Properties?.Create ?? '{}')).parameters?.DNSName
      : plan.domain && raw.includes(`hostedzone/${plan.domain.hostedZoneId}`) ? plan.domain.hostedZone : undefined;
    return atom('hosted-zone', zone ?? '?', 'global');
  };

  const parameters = all.filter((item) => item.resource.Type === 'AWS::SSM::Parameter');
  const parameterValue = (region: string, name: string): string => {
    const parameter = parameters.find((item) => item.region === region && item.resource.Properties.Name === name);
    return parameter ? text(parameter.stack, parameter.resource.Properties.Value) : `{?missing ${region} ${name}}`;
  };
  const settings = parameters.map((item) => `${item.region} ${item.resource.Properties.Name} = ${text(item.stack, item.resource.Properties.Value)}`).toSorted();

  // Grants: the policies of tagged (tier) roles, one line per action and resource.
  const tagOf = (item: Located): string | undefined =>
    (item.resource.Properties?.Tags as { Key: string; Value: string }[] | undefined)?.find((tag) => tag.Key === WIRING_TAG)?.Value;
  const grants = [...new Set(all.filter((item) => item.resource.Type === 'AWS::IAM::Policy').flatMap((policy) =>
    (policy.resource.Properties.Roles as Json[]).flatMap((roleRef) => {
      const role = find(policy.stack, deref(policy.stack, roleRef).expression.Ref);
      const tier = role && tagOf(role);
      if (!tier) return [];
      return (policy.resource.Properties.PolicyDocument.Statement as Json[]).flatMap((statement) =>
        [statement.Action].flat().flatMap((action: string) => [statement.Resource].flat().map((resource: Json) =>
          `${tier}@${policy.region} ${action} ${zoneAtom(policy.stack, resource) ?? resourceAtom(text(policy.stack, resource), policy.region)}${statementConditions(statement.Condition)}`)));
    })))].toSorted();

  // Deliveries: each SQS subscription, and whether a queue policy lets its topic send to its queue.
  const admitted = new Set(all.filter((item) => item.resource.Type === 'AWS::SQS::QueuePolicy').flatMap((policy) =>
    (policy.resource.Properties.PolicyDocument.Statement as Json[])
      .filter((statement) => statement.Effect === 'Allow' && statement.Principal?.Service === 'sns.amazonaws.com' && [statement.Action].flat().includes('sqs:SendMessage'))
      .flatMap((statement) => [statement.Resource].flat().map((queue: Json) =>
        `${text(policy.stack, statement.Condition?.ArnEquals?.['aws:SourceArn'])} -> ${text(policy.stack, queue)}`))));
  const deliveries = all.filter((item) => item.resource.Type === 'AWS::SNS::Subscription' && item.resource.Properties.Protocol === 'sqs').map((subscription) => {
    const topic = text(subscription.stack, subscription.resource.Properties.TopicArn);
    const queue = text(subscription.stack, subscription.resource.Properties.Endpoint);
    return deliveryLine(topic, queue, subscription.resource.Properties.RawMessageDelivery === true, admitted.has(`${topic} -> ${queue}`));
  }).toSorted();

  return {
    reach: reach(all, find, deref, tagOf, tierKinds, physical), grants, settings, told: toldFrom(grants, settings), stateful: cfnStateful(all, templates),
    watching: cfnWatching(plan, templates, deref, tagOf), deliveries,
  };
}

/**
 * What the templates watch and whom they tell (watch-model.ts), each resource in its stack's region (the
 * extra us-east-1 monitoring stack's included). Watched resources are known by what they are: an instance, an
 * Auto Scaling group or a load balancer by the wiring tag of the security group or role it uses, a target
 * group by the group that registers with it, the distribution as the one, a health check by the region its
 * Name tag ends with (the key `health_check`, as the Terraform names say).
 */
function cfnWatching(
  plan: ArchitecturePlan, templates: Record<string, Template>,
  deref: (stack: string, expression: Json) => { stack: string; expression: Json }, tagOf: (item: Located) => string | undefined,
): string[] {
  const stacks = [...plan.regions, ...plan.monitoring.regions];
  const regionOf = (stack: string): string => stacks.find((region) => region.stackName === stack.split('/')[0])?.region ?? '?';
  const all: Located[] = Object.entries(templates).flatMap(([stack, template]) =>
    Object.entries(template.Resources).map(([id, resource]) => ({ stack, region: regionOf(stack), id, resource })));
  const find = (stack: string, id: unknown): Located | undefined => all.find((item) => item.stack === stack && item.id === id);
  const target = (stack: string, raw: Json): { item: Located | undefined; attribute: string } | null => {
    const { stack: where, expression } = deref(stack, raw);
    const [id, attribute] = expression?.['Fn::GetAtt'] ?? [expression?.Ref, 'Ref'];
    return typeof id === 'string' ? { item: find(where, id), attribute: String(attribute) } : null;
  };
  /** The wiring tag of the security group or role a resource uses, through its launch template or instance profile. */
  const tierOf = (item: Located, depth = 0): string | undefined => {
    for (const id of referencedIds(item.resource.Properties)) {
      const used = find(item.stack, id);
      const tag = used && (tagOf(used) ?? (depth < 2 ? tierOf(used, depth + 1) : undefined));
      if (tag) return tag;
    }
    return undefined;
  };
  const tierKinds = new Map(plan.wiring.tiers.map((tier) => [tier.ref.key, tier.ref.kind]));
  const dimension = (stack: string, value: Json): string => {
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    const found = target(stack, value);
    if (!found?.item) return `{?${JSON.stringify(value)}}`;
    const { item, attribute } = found;
    switch (`${item.resource.Type}.${attribute}`) {
      case 'AWS::EC2::Instance.Ref': return watchedAtom('server', tierOf(item) ?? '?', item.region, 'instance-id');
      case 'AWS::AutoScaling::AutoScalingGroup.Ref': {
        const key = tierOf(item) ?? '?';
        return watchedAtom(tierKinds.get(key) === 'worker' ? 'worker' : 'fleet', key, item.region, 'auto-scaling-group-name');
      }
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer.LoadBalancerFullName': return watchedAtom('load-balancer', tierOf(item) ?? '?', item.region, 'load-balancer-full-name');
      case 'AWS::ElasticLoadBalancingV2::TargetGroup.TargetGroupFullName': {
        const group = all.find((candidate) => candidate.stack === item.stack && candidate.resource.Type === 'AWS::AutoScaling::AutoScalingGroup'
          && referencedIds(candidate.resource.Properties?.TargetGroupARNs).includes(item.id));
        return watchedAtom('target-group', (group && tierOf(group)) ?? '?', item.region, 'target-group-full-name');
      }
      case 'AWS::CloudFront::Distribution.Ref': return watchedAtom('cdn', plan.cdn?.tfName ?? '?', item.region, 'distribution-id');
      case 'AWS::Route53::HealthCheck.Ref':
      case 'AWS::Route53::HealthCheck.HealthCheckId': {
        const name = (item.resource.Properties?.HealthCheckTags as { Key: string; Value: string }[] | undefined)?.find((tag) => tag.Key === 'Name')?.Value;
        return watchedAtom('health-check', 'health_check', String(name ?? item.region).split(' ').pop() ?? '?', 'health-check-id');
      }
      default: return `{?${item.resource.Type}.${attribute}}`;
    }
  };
  const metric = (stack: string, body: Json, stat: unknown, period: unknown): MetricText => ({
    namespace: body?.Namespace, metricName: body?.MetricName, stat: String(stat), period,
    dimensions: ((body?.Dimensions ?? []) as Json[]).map((entry) => [String(entry.Name), dimension(stack, entry.Value)] as const),
  });
  const topicOf = (stack: string, arn: Json): Located | undefined => {
    const found = target(stack, arn);
    return found?.item?.resource.Type === 'AWS::SNS::Topic' ? found.item : undefined;
  };
  const actions = (item: Located, arns: Json): string[] => ((arns ?? []) as Json[]).map((arn) => {
    const topic = topicOf(item.stack, arn);
    return topic
      ? purposeOf(plan, item.region, { region: topic.region, name: topic.resource.Properties?.TopicName }, null)
      : purposeOf(plan, item.region, null, typeof arn === 'string' ? arn : JSON.stringify(arn));
  });
  /** A string property: literal, or joined with its references' places marked. */
  const flat = (value: Json): string => (typeof value === 'string' ? value
    : value?.['Fn::Join'] ? (value['Fn::Join'][1] as Json[]).map((part) => (typeof part === 'string' ? part : 'X')).join(value['Fn::Join'][0]) : JSON.stringify(value));
  const named = plannedNames(plan);
  const lines: string[] = [];
  for (const item of all) {
    const { Type: type, Properties: p = {} } = item.resource;
    const { region } = item;
    if (type === 'AWS::CloudWatch::Alarm' && named.alarms.has(p.AlarmName)) {
      const queries = (p.Metrics ?? []) as Json[];
      const expression = queries.find((query) => query.Expression !== undefined);
      const signal = queries.length > 0
        ? mathText(expression?.Expression, expression?.Label, queries.filter((query) => query.MetricStat)
          .map((query) => [query.Id, metric(item.stack, query.MetricStat.Metric, query.MetricStat.Stat, query.MetricStat.Period)] as const))
        : metricText(metric(item.stack, p, p.Statistic ?? p.ExtendedStatistic, p.Period));
      lines.push(alarmLine({
        region, name: p.AlarmName, signal, comparison: p.ComparisonOperator, threshold: p.Threshold, datapoints: p.DatapointsToAlarm,
        evaluation: p.EvaluationPeriods, missing: p.TreatMissingData, alarm: actions(item, p.AlarmActions), ok: actions(item, p.OKActions),
      }));
    }
    if (type === 'AWS::CloudWatch::CompositeAlarm' && named.alarms.has(p.AlarmName)) {
      lines.push(compositeLine(region, p.AlarmName, flat(p.AlarmRule), actions(item, p.AlarmActions), actions(item, p.OKActions)));
    }
    if (type === 'AWS::SNS::Topic' && named.topics.has(p.TopicName)) {
      const key = target(item.stack, p.KmsMasterKeyId)?.item;
      const keyPolicy = key?.resource.Type === 'AWS::KMS::Key' ? (key.resource.Properties?.KeyPolicy?.Statement ?? []) as Json[] : null;
      const statements = all.filter((policy) => policy.stack === item.stack && policy.resource.Type === 'AWS::SNS::TopicPolicy'
        && referencedIds(policy.resource.Properties?.Topics).includes(item.id)).flatMap((policy) => policy.resource.Properties.PolicyDocument.Statement as Json[]);
      lines.push(topicLine(region, p.TopicName, keyText(keyPolicy), statements));
      const read: PolicyReader = {
        // arn:${Partition}:iam::${AccountId}:root
        isAccountRoot: (principal) => /^arn:X:iam::X:root$/.test(flat(principal)) && JSON.stringify(principal).includes('"AWS::AccountId"'),
        isAccountId: (value) => (value as Json)?.Ref === 'AWS::AccountId',
        isSelf: (resource) => target(item.stack, resource)?.item === item,
        // arn:${Partition}:<service>:<region>:${AccountId}:<resource>
        accountArn: (value) => {
          const parts = (value as Json)?.['Fn::Join']?.[1] as Json[] | undefined;
          const refs = (parts ?? []).filter((part) => typeof part !== 'string').map((part) => part?.Ref);
          return refs.join(',') === 'AWS::Partition,AWS::AccountId' ? flat(value).replace(/^arn:X:/, 'arn:{partition}:').replace(/^(arn:\{partition\}:[^:]*:[^:]*:)X:/, '$1{account}:') : null;
        },
      };
      lines.push(...policyLines(region, p.TopicName, keyPolicy ?? [], statements, read));
      for (const subscription of (p.Subscription ?? []) as Json[]) lines.push(`subscription ${region} ${p.TopicName} ${subscription.Protocol} ${subscription.Endpoint}`);
    }
    if (type === 'AWS::SNS::Subscription') {
      const topic = topicOf(item.stack, p.TopicArn);
      const name = topic?.resource.Properties?.TopicName;
      if (topic && named.topics.has(name)) lines.push(`subscription ${topic.region} ${name} ${p.Protocol} ${p.Endpoint}`);
    }
    if (type === 'AWS::Logs::LogGroup' && named.logGroups.has(p.LogGroupName)) {
      const key = p.KmsKeyId === undefined ? undefined : target(item.stack, p.KmsKeyId)?.item;
      const keyPolicy = key?.resource.Type === 'AWS::KMS::Key' ? (key.resource.Properties?.KeyPolicy?.Statement ?? []) as Json[] : null;
      lines.push(`log-group ${region} ${p.LogGroupName} retention=${p.RetentionInDays} key=${keyText(keyPolicy)}`);
    }
    if (type === 'AWS::Logs::MetricFilter') {
      const group = typeof p.LogGroupName === 'string' ? p.LogGroupName : target(item.stack, p.LogGroupName)?.item?.resource.Properties?.LogGroupName;
      const transformation = (p.MetricTransformations ?? [])[0] ?? {};
      lines.push(`metric-filter ${region} ${group} ${p.FilterPattern} -> ${transformation.MetricNamespace}/${transformation.MetricName}=${transformation.MetricValue}`);
    }
    if (type === 'AWS::CloudWatch::Dashboard') {
      let body: Json = null;
      try { body = JSON.parse(flat(p.DashboardBody)); } catch { body = { widgets: [{ type: 'unreadable' }] }; }
      lines.push(dashboardLine(region, p.DashboardName, body));
    }
    if (type === 'AWS::Chatbot::SlackChannelConfiguration') {
      const topics = ((p.SnsTopicArns ?? []) as Json[]).map((arn) => {
        const topic = topicOf(item.stack, arn);
        if (topic) return `${topic.region}/${topic.resource.Properties?.TopicName}`;
        // An ARN built from its parts: arn:<partition>:sns:<region>:<account>:<name>.
        const [, , , at, , name] = flat(arn).split(':');
        return `${at === 'X' ? region : at}/${name}`;
      });
      const role = target(item.stack, p.IamRoleArn)?.item;
      const trusted = ((role?.resource.Properties?.AssumeRolePolicyDocument?.Statement ?? []) as Json[]).flatMap((statement) => [statement.Principal?.Service].flat());
      const permissions = all.filter((policy) => policy.stack === item.stack && policy.resource.Type === 'AWS::IAM::Policy' && role
        && referencedIds(policy.resource.Properties?.Roles).includes(role.id)).flatMap((policy) =>
        (policy.resource.Properties.PolicyDocument.Statement as Json[]).flatMap((statement) => [statement.Action].flat()));
      lines.push(slackLine({
        region, name: p.ConfigurationName, workspace: p.SlackWorkspaceId, channel: p.SlackChannelId, topics,
        // arn:${Partition}:iam::aws:policy/<name>
        guardrails: ((p.GuardrailPolicies ?? []) as Json[]).map((arn) => flat(arn).split(':policy/').pop() ?? '?'),
        role: `${trusted.join('+')}${permissions.length > 0 ? `:${permissions.join(',')}` : ''}`,
      }));
    }
  }
  for (const [stack, template] of Object.entries(templates)) {
    for (const [id, output] of Object.entries(template.Outputs ?? {})) {
      const meaning = dimension(stack, output.Value);
      if (named.outputIds.has(id) && meaning.startsWith('{watched:')) lines.push(cfnOutputLine(regionOf(stack), id, meaning));
    }
  }
  return [...new Set(lines)].toSorted();
}

/** A settings path ARN becomes the path it opens (with or without `/*`); other resources stay atoms. */
function resourceAtom(value: string, region: string): string {
  const settings = /:parameter(\/[^*{}]+?)(\/\*)?$/.exec(value);
  return settings ? atom('settings', settings[1], region) : logGroupAtom(value);
}

/** The security groups a rule or resource names, as `<stack>::<logical id>`. */
function reach(
  all: readonly Located[], find: (stack: string, id: string) => Located | undefined,
  deref: (stack: string, expression: Json) => { stack: string; expression: Json },
  tagOf: (item: Located) => string | undefined, tierKinds: ReadonlyMap<string, string>, physical: ReadonlyMap<string, string>,
): string[] {
  const group = (stack: string, expression: Json): string => {
    const { stack: where, expression: resolved } = deref(stack, expression);
    const id = resolved?.['Fn::GetAtt']?.[0] ?? resolved?.Ref;
    return `${where}::${id}`;
  };
  const owners = new Map<string, string[]>();
  const own = (sg: string, node: string): void => { owners.set(sg, [...(owners.get(sg) ?? []), node]); };
  for (const item of all) {
    const p = item.resource.Properties ?? {};
    const node = (name: string | undefined): string | undefined => (name ? physical.get(name) : undefined);
    if (item.resource.Type === 'AWS::EC2::SecurityGroup') {
      const tag = tagOf(item);
      if (tag) own(`${item.stack}::${item.id}`, `${tierKinds.get(tag) ?? 'load-balancer'}:${tag}@${item.region}`);
    }
    const stores: [string | undefined, Json[] | undefined][] = [
      [item.resource.Type === 'AWS::RDS::DBInstance' ? node(`db:${p.DBInstanceIdentifier}`) : undefined, p.VPCSecurityGroups],
      [item.resource.Type === 'AWS::RDS::DBProxy' ? node(`proxy:${p.DBProxyName}`) : undefined, p.VpcSecurityGroupIds],
      [item.resource.Type === 'AWS::ElastiCache::ReplicationGroup' ? node(`cache:${p.ReplicationGroupId}`) : undefined, p.SecurityGroupIds],
    ];
    for (const [store, groups] of stores) if (store) for (const sg of groups ?? []) own(group(item.stack, sg), `${store}@${item.region}`);
  }
  for (const [sg, nodes] of owners) owners.set(sg, [...new Set(nodes)]);

  // Rules: inline on the group, or their own resources.
  interface Rule { readonly sg: string; readonly peer: string; readonly port: number | 'all' }
  const ingress: Rule[] = [];
  const egress: Rule[] = [];
  const source = (stack: string, rule: Json, peerKey: string): string => {
    if (rule.CidrIp === '0.0.0.0/0') return 'internet';
    if (rule.SourcePrefixListId) {
      const { stack: where, expression } = deref(stack, rule.SourcePrefixListId);
      if (typeof expression === 'string') return /^pl-/.test(expression) ? 'cloudfront' : expression;
      const lookup = find(where, expression?.['Fn::GetAtt']?.[0]);
      const call = String(lookup?.resource.Properties?.Create ?? '');
      return call.includes('route53-healthchecks') ? 'health-checkers' : call.includes('cloudfront.origin-facing') ? 'cloudfront' : 'unknown prefix list';
    }
    return rule[peerKey] ? group(stack, rule[peerKey]) : 'nowhere';
  };
  const port = (rule: Json): number | 'all' => (rule.IpProtocol === '-1' ? 'all' : Number(rule.FromPort));
  for (const item of all) {
    const p = item.resource.Properties ?? {};
    if (item.resource.Type === 'AWS::EC2::SecurityGroup') {
      for (const rule of p.SecurityGroupIngress ?? []) ingress.push({ sg: `${item.stack}::${item.id}`, peer: source(item.stack, rule, 'SourceSecurityGroupId'), port: port(rule) });
      for (const rule of p.SecurityGroupEgress ?? []) {
        if (rule.CidrIp === '0.0.0.0/0') egress.push({ sg: `${item.stack}::${item.id}`, peer: 'anywhere', port: port(rule) });
      }
    }
    if (item.resource.Type === 'AWS::EC2::SecurityGroupIngress') ingress.push({ sg: group(item.stack, p.GroupId), peer: source(item.stack, p, 'SourceSecurityGroupId'), port: port(p) });
    if (item.resource.Type === 'AWS::EC2::SecurityGroupEgress') egress.push({ sg: group(item.stack, p.GroupId), peer: group(item.stack, p.DestinationSecurityGroupId), port: port(p) });
  }
  const sourceName = (peer: string): string | undefined =>
    (['internet', 'cloudfront', 'health-checkers'].includes(peer) ? `${peer}:${peer}` : undefined);

  const edges = new Set<string>();
  for (const rule of ingress) {
    for (const to of owners.get(rule.sg) ?? []) {
      const [toNode] = to.split('@');
      const region = to.split('@')[1];
      const named = sourceName(rule.peer);
      if (named) {
        edges.add(`${named}@${region} -> ${toNode}:${rule.port}`);
        continue;
      }
      for (const from of owners.get(rule.peer) ?? []) {
        const fromGroups = [...owners].filter(([, nodes]) => nodes.includes(from)).map(([sg]) => sg);
        const allowed = egress.some((out) => fromGroups.includes(out.sg) && (out.peer === 'anywhere' || out.peer === rule.sg) && (out.port === 'all' || out.port === rule.port));
        if (allowed) edges.add(`${from} -> ${toNode}:${rule.port}`);
      }
    }
  }
  return [...edges].toSorted();
}

/** The stateful properties that matter, by physical name. */
function cfnStateful(all: readonly Located[], templates: Record<string, Template>): string[] {
  const lines: string[] = [];
  // The machine images: the AWS-published SSM parameters the templates resolve their AMIs from.
  const images = Object.values(templates).flatMap((template) => Object.values(template.Parameters ?? {}))
    .map((parameter) => String(parameter.Default ?? '')).filter((name) => name.startsWith('/aws/service/ami-'));
  lines.push(...[...new Set(images)].map((name) => `image ${name}`));
  for (const { resource: { Type, Properties: p = {} }, region } of all) {
    if (Type === 'AWS::RDS::DBInstance' && !p.SourceDBInstanceIdentifier) {
      const db = `db:${p.DBInstanceIdentifier}`;
      lines.push(`${db} engine=${p.Engine} ${majorVersion(p.Engine, p.EngineVersion)} class=${p.DBInstanceClass} storage=${p.AllocatedStorage} encrypted=${p.StorageEncrypted}`,
        `${db} multiAz=${p.MultiAZ} deletionProtection=${p.DeletionProtection} backups=${p.BackupRetentionPeriod}`,
        `${db} pin=${p.EngineVersion}`,
        `${db} name=${p.DBName}`,
        `${db} logs=${(p.EnableCloudwatchLogsExports ?? []).join(',')} iamAuth=${p.EnableIAMDatabaseAuthentication} ca=${p.CACertificateIdentifier}`);
    }
    if (Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') {
      const attribute = (p.LoadBalancerAttributes ?? []).find((entry: Json) => entry.Key === 'deletion_protection.enabled');
      lines.push(`lb@${region} deletionProtection=${attribute?.Value ?? 'false'}`);
    }
    if (Type === 'AWS::ElasticLoadBalancingV2::TargetGroup') lines.push(`target group@${region} path=${p.HealthCheckPath} codes=${p.Matcher?.HttpCode}`);
    if (Type === 'AWS::CloudFront::Distribution') {
      const config = p.DistributionConfig;
      lines.push(`cdn compress=${[config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])].map((behavior: Json) => behavior.Compress === true).join(',')}`);
    }
  }
  return lines.toSorted();
}
