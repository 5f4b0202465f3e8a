import type { ArchitecturePlan } from '../../../lib/plan';
import { atom, deliveryLine, fromSymbolicArn, logGroupAtom, majorVersion, nodeOfPhysical, type SemanticModel, statementConditions, toldFrom, toSymbolicArn } from './semantic-model';
import {
  alarmLine, compositeLine, dashboardLine, keyText, mathText, type MetricText, metricText, plannedNames, type PolicyReader, policyLines, purposeOf, slackLine,
  tfOutputLine, topicLine, watchedAtom,
} from './watch-model';

// The meaning of Terraform JSON configurations, read from the configurations alone: resource names (contract,
// DESIGN.md §5.1) and physical names say which resource is which.

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Config = {
  readonly resource?: Record<string, Record<string, Json>>; readonly data?: Record<string, Record<string, Json>>; readonly locals?: Record<string, string>;
  readonly output?: Record<string, { readonly value: unknown }>;
};

/** The model of a plan's Terraform configurations. */
export function tfModel(plan: ArchitecturePlan, configs: Record<string, Config>): SemanticModel {
  const resources = Object.values(configs).flatMap((config) => Object.entries(config.resource ?? {})
    .flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => ({ type, name, body }))));
  const data = Object.values(configs).flatMap((config) => Object.entries(config.data ?? {})
    .flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => ({ type, name, body }))));
  const regionOfProvider = (provider: string | undefined): string =>
    (provider ? plan.regions.find((region) => `aws.${region.providerAlias}` === provider)?.region : plan.regions[0].region) ?? '?';
  const suffixOf = (provider: string | undefined): string => (provider ? `_${provider.slice('aws.'.length)}` : '');
  const get = (type: string, name: string) => resources.find((item) => item.type === type && item.name === name);

  const atomOf = (type: string, name: string, attribute: string): string => {
    const item = get(type, name);
    if (!item) return `{?${type}.${name}.${attribute}}`;
    const { body } = item;
    const region = regionOfProvider(body.provider);
    switch (`${type}.${attribute}`) {
      case 'aws_db_instance.address': return atom('db', body.identifier, region, 'address');
      case 'aws_db_instance.master_user_secret[0].secret_arn': return atom('db-secret', body.identifier, region);
      // tierup's own master secret (issue 13): named `<identifier>-master-<suffix>` by its prefix.
      // The origin proof's secrets have fixed names; the master secrets a prefix.
      case 'aws_secretsmanager_secret.arn': return body.name
        ? atom('origin-secret', body.name, region)
        : atom('db-secret', String(body.name_prefix).replace(/-master-$/, ''), region);
      case 'aws_db_proxy.endpoint': return atom('proxy', body.name, region, 'address');
      case 'aws_elasticache_replication_group.primary_endpoint_address': return atom('cache', body.replication_group_id, region, 'address');
      case 'aws_elasticache_replication_group.reader_endpoint_address': return atom('cache', body.replication_group_id, region, 'reader-address');
      case 'aws_elasticache_replication_group.arn': return atom('cache', body.replication_group_id, region, 'arn');
      case 'aws_elasticache_user.user_name': return atom('cache', String(body.user_id).replace(/-app$/, ''), region, 'user');
      case 'aws_elasticache_user.arn': return atom('cache', String(body.user_id).replace(/-app$/, ''), region, 'user-arn');
      case 'aws_ebs_volume.id': return atom('data-volume', plan.server?.dataVolume?.tfName ?? '?', region);
      case 'aws_sqs_queue.url': return atom('queue', body.name, region, 'url');
      case 'aws_sqs_queue.arn': return atom('queue', body.name, region, 'arn');
      case 'aws_sns_topic.arn': return atom('topic', body.name, region, 'arn');
      default: return `{?${type}.${attribute}}`;
    }
  };
  const dataAtom = (type: string, name: string, attribute: string): string => {
    const item = data.find((candidate) => candidate.type === type && candidate.name === name);
    // Read by name, or by the id the blueprint gave (which names the plan's zone).
    const zone = item?.body.name ?? (item && item.body.zone_id === plan.domain?.hostedZoneId ? plan.domain?.hostedZone : undefined);
    return type === 'aws_route53_zone' && attribute === 'arn' && item ? atom('hosted-zone', zone ?? '?', 'global') : '{data}';
  };
  const locals: Record<string, string> = Object.assign({}, ...Object.values(configs).map((config) => config.locals ?? {}));
  const text = (value: unknown): string => String(value)
    .replace(/\$\{local\.([a-z0-9_]+)\}/g, (_, name: string) => locals[name] ?? `{?local.${name}}`)
    // A secret replica's ARN: the primary's, its region swapped, evaluated as Terraform's replace() would.
    .replace(/\$\{replace\(([a-z0-9_]+)\.([a-z0-9_]+)\.arn, "([^"]*)", "([^"]*)"\)\}/g,
      (_, type: string, name: string, from: string, to: string) => fromSymbolicArn(toSymbolicArn(atomOf(type, name, 'arn')).split(from).join(to)))
    .replace(/\$\{(data\.)?([a-z0-9_]+)\.([a-z0-9_]+)\.([^}]+)\}/g,
      (_, isData: string | undefined, type: string, name: string, attribute: string) => (isData ? dataAtom(type, name, attribute) : atomOf(type, name, attribute)));

  const settings = resources.filter((item) => item.type === 'aws_ssm_parameter')
    .map((item) => `${regionOfProvider(item.body.provider)} ${item.body.name} = ${text(item.body.value)}`).toSorted();

  const tierKeys = new Map(plan.wiring.tiers.map((tier) => [tier.ref.key, tier.ref.kind]));
  const keyOf = (owner: string, provider: string | undefined): string => {
    const suffix = suffixOf(provider);
    return suffix && owner.endsWith(suffix) ? owner.slice(0, -suffix.length) : owner;
  };
  const grants = [...new Set(resources.filter((item) => item.type === 'aws_iam_role_policy').flatMap((item) => {
    const owner = /^\$\{aws_iam_role\.(.+)_role\.name\}$/.exec(item.body.role)?.[1];
    const key = owner && keyOf(owner, item.body.provider);
    if (!key || !tierKeys.has(key)) return [];
    const region = regionOfProvider(item.body.provider);
    const document = JSON.parse(item.body.policy);
    return (document.Statement as Json[]).flatMap((statement) => [statement.Action].flat().flatMap((action: string) =>
      [statement.Resource].flat().map((resource: string) => {
        const settingsPath = /:parameter(\/[^*]+?)(\/\*)?$/.exec(resource);
        return `${key}@${region} ${action} ${settingsPath ? atom('settings', settingsPath[1], region) : logGroupAtom(text(resource))}${statementConditions(statement.Condition)}`;
      })));
  }))].toSorted();

  // Security groups and what each belongs to.
  const physical = nodeOfPhysical(plan);
  const owners = new Map<string, string[]>();
  const own = (reference: string, node: string): void => { owners.set(reference, [...new Set([...(owners.get(reference) ?? []), node])]); };
  for (const item of resources) {
    const region = regionOfProvider(item.body.provider);
    if (item.type === 'aws_security_group') {
      // The load balancer's Route 53 health-checker group (level 7) belongs to the load balancer too.
      const owner = item.name.replace(/_(security_group|health_checkers)$/, '');
      const key = keyOf(owner, item.body.provider);
      const kind = tierKeys.get(key) ?? (key === plan.loadBalancer?.tfName ? 'load-balancer' : undefined);
      if (kind) own(`\${aws_security_group.${item.name}.id}`, `${kind}:${key}@${region}`);
    }
    const store = item.type === 'aws_db_instance' ? physical.get(`db:${item.body.identifier}`)
      : item.type === 'aws_db_proxy' ? physical.get(`proxy:${item.body.name}`)
        : item.type === 'aws_elasticache_replication_group' ? physical.get(`cache:${item.body.replication_group_id}`) : undefined;
    const groups: string[] = item.body.vpc_security_group_ids ?? item.body.security_group_ids ?? [];
    if (store) for (const group of groups) own(group, `${store}@${region}`);
  }
  const prefixLists = new Map(data.filter((item) => item.type === 'aws_ec2_managed_prefix_list').map((item) => [
    `\${data.aws_ec2_managed_prefix_list.${item.name}.id}`,
    String(item.body.name).includes('route53-healthchecks') ? 'health-checkers' : String(item.body.name).includes('cloudfront') ? 'cloudfront' : 'unknown'],
  ));
  const port = (rule: Json): number | 'all' => (rule.ip_protocol === '-1' ? 'all' : Number(rule.from_port));
  const ingress = resources.filter((item) => item.type === 'aws_vpc_security_group_ingress_rule').map(({ body }) => ({
    sg: body.security_group_id as string,
    peer: body.cidr_ipv4 === '0.0.0.0/0' ? 'internet' : body.prefix_list_id ? prefixLists.get(body.prefix_list_id) ?? 'unknown' : body.referenced_security_group_id as string,
    port: port(body),
  }));
  const egress = resources.filter((item) => item.type === 'aws_vpc_security_group_egress_rule').map(({ body }) => ({
    sg: body.security_group_id as string, peer: body.cidr_ipv4 === '0.0.0.0/0' ? 'anywhere' : body.referenced_security_group_id as string, port: port(body),
  }));
  const reach = new Set<string>();
  for (const rule of ingress) {
    for (const to of owners.get(rule.sg) ?? []) {
      const [toNode, region] = to.split('@');
      if (['internet', 'cloudfront', 'health-checkers'].includes(rule.peer)) {
        reach.add(`${rule.peer}:${rule.peer}@${region} -> ${toNode}:${rule.port}`);
        continue;
      }
      for (const from of owners.get(rule.peer) ?? []) {
        const fromGroups = [...owners].filter(([, nodes]) => nodes.includes(from)).map(([group]) => group);
        if (egress.some((out) => fromGroups.includes(out.sg) && (out.peer === 'anywhere' || out.peer === rule.sg) && (out.port === 'all' || out.port === rule.port))) {
          reach.add(`${from} -> ${toNode}:${rule.port}`);
        }
      }
    }
  }
  // Deliveries: each SQS subscription, and whether its queue's policy lets its topic send.
  const admitted = new Set(resources.filter((item) => item.type === 'aws_sqs_queue_policy').flatMap((item) =>
    (JSON.parse(item.body.policy).Statement as Json[])
      .filter((statement) => statement.Effect === 'Allow' && statement.Principal?.Service === 'sns.amazonaws.com' && [statement.Action].flat().includes('sqs:SendMessage'))
      .flatMap((statement) => [statement.Resource].flat().map((queue: string) => `${text(statement.Condition?.ArnEquals?.['aws:SourceArn'])} -> ${text(queue)}`))));
  const deliveries = resources.filter((item) => item.type === 'aws_sns_topic_subscription' && item.body.protocol === 'sqs').map(({ body }) => {
    const topic = text(body.topic_arn);
    const queue = text(body.endpoint);
    return deliveryLine(topic, queue, body.raw_message_delivery === true, admitted.has(`${topic} -> ${queue}`));
  }).toSorted();

  return { deliveries, reach: [...reach].toSorted(), grants, settings, told: toldFrom(grants, settings), stateful: [
    ...tfStateful(resources, regionOfProvider),
    ...[...new Set(data.filter((item) => item.type === 'aws_ssm_parameter' && String(item.body.name).startsWith('/aws/service/ami-')).map((item) => `image ${item.body.name}`))],
  ].toSorted(), watching: tfWatching(plan, resources, Object.assign({}, ...Object.values(configs).map((config) => config.output ?? {}))) };
}

type Item = { type: string; name: string; body: Json };

/** What the configurations watch and whom they tell (watch-model.ts), each resource in its provider's region. */
function tfWatching(plan: ArchitecturePlan, resources: readonly Item[], outputs: Record<string, { readonly value: unknown }>): string[] {
  const primary = plan.regions[0].region;
  // Every alias is its region in snake case (level 7's regions, and us-east-1's for the global services).
  const regionOf = (provider: string | undefined): string => (provider ? provider.slice('aws.'.length).replace(/_/g, '-') : primary);
  const suffixOf = (region: string): string => `_${region.replace(/-/g, '_')}`;
  const unsuffixed = (name: string, region: string): string => (region !== primary && name.endsWith(suffixOf(region)) ? name.slice(0, -suffixOf(region).length) : name);
  const byAddress = new Map(resources.map((item) => [`${item.type}.${item.name}`, item]));
  const reference = (value: unknown): { item: Item | undefined; type: string; name: string; attribute: string } | null => {
    const match = /^\$\{(aws_[a-z0-9_]+)\.([a-z0-9_]+)\.([a-z_]+)\}$/.exec(String(value));
    return match ? { item: byAddress.get(`${match[1]}.${match[2]}`), type: match[1], name: match[2], attribute: match[3] } : null;
  };
  const tierKinds = new Map(plan.wiring.tiers.map((tier) => [tier.ref.key, tier.ref.kind]));
  const dimension = (value: unknown): string => {
    const target = reference(value);
    if (!target) return String(value);
    const { type, name, attribute } = target;
    const region = regionOf(target.item?.body.provider);
    switch (`${type}.${attribute}`) {
      case 'aws_instance.id': return watchedAtom('server', unsuffixed(name, region), region, 'instance-id');
      case 'aws_autoscaling_group.name': {
        const key = unsuffixed(name, region);
        return watchedAtom(tierKinds.get(key) === 'worker' ? 'worker' : 'fleet', key, region, 'auto-scaling-group-name');
      }
      case 'aws_lb.arn_suffix': return watchedAtom('load-balancer', unsuffixed(name, region), region, 'load-balancer-full-name');
      case 'aws_lb_target_group.arn_suffix': return watchedAtom('target-group', unsuffixed(name.replace(/_target_group$/, ''), region), region, 'target-group-full-name');
      case 'aws_cloudfront_distribution.id': return watchedAtom('cdn', name, region, 'distribution-id');
      case 'aws_route53_health_check.id': {
        // Named `health_check_<region>` after the region each probes, primary's included.
        const probed = plan.regions.find((candidate) => name.endsWith(suffixOf(candidate.region)))?.region ?? '?';
        return watchedAtom('health-check', name.slice(0, -suffixOf(probed).length), probed, 'health-check-id');
      }
      default: return `{?${type}.${attribute}}`;
    }
  };
  const metric = (body: Json, stat: unknown): MetricText => ({
    namespace: body.namespace, metricName: body.metric_name, stat: String(stat), period: body.period,
    dimensions: Object.entries(body.dimensions ?? {}).map(([name, value]) => [name, dimension(value)] as const),
  });
  const topicOf = (arn: unknown): Item | undefined => {
    const target = reference(arn);
    return target?.type === 'aws_sns_topic' ? target.item : undefined;
  };
  const actions = (region: string, arns: unknown): string[] => ((arns ?? []) as unknown[]).map((arn) => {
    const topic = topicOf(arn);
    return topic ? purposeOf(plan, region, { region: regionOf(topic.body.provider), name: topic.body.name }, null) : purposeOf(plan, region, null, String(arn));
  });
  const named = plannedNames(plan);
  const lines: string[] = [];
  for (const { type, body } of resources) {
    const region = regionOf(body.provider);
    if (type === 'aws_cloudwatch_metric_alarm' && named.alarms.has(body.alarm_name)) {
      const queries = (body.metric_query ?? []) as Json[];
      const expression = queries.find((query) => query.expression !== undefined);
      const signal = queries.length > 0
        ? mathText(expression?.expression, expression?.label, queries.filter((query) => query.metric).map((query) => [query.id, metric(query.metric, query.metric.stat)] as const))
        : metricText(metric(body, body.statistic ?? body.extended_statistic));
      lines.push(alarmLine({
        region, name: body.alarm_name, signal, comparison: body.comparison_operator, threshold: body.threshold, datapoints: body.datapoints_to_alarm,
        evaluation: body.evaluation_periods, missing: body.treat_missing_data, alarm: actions(region, body.alarm_actions), ok: actions(region, body.ok_actions),
      }));
    }
    if (type === 'aws_cloudwatch_composite_alarm' && named.alarms.has(body.alarm_name)) {
      lines.push(compositeLine(region, body.alarm_name, body.alarm_rule, actions(region, body.alarm_actions), actions(region, body.ok_actions)));
    }
    if (type === 'aws_sns_topic' && named.topics.has(body.name)) {
      const key = reference(body.kms_master_key_id);
      const keyPolicy = key?.type === 'aws_kms_key' && key.item ? (JSON.parse(String(key.item.body.policy)) as { Statement: Json[] }).Statement : null;
      const statements = resources.filter((item) => item.type === 'aws_sns_topic_policy' && topicOf(item.body.arn)?.body === body)
        .flatMap((item) => (JSON.parse(String(item.body.policy)) as { Statement: Json[] }).Statement);
      lines.push(topicLine(region, body.name, keyText(keyPolicy), statements));
      const read: PolicyReader = {
        isAccountRoot: (principal) => /^arn:\$\{data\.aws_partition\.[a-z0-9_]+\.partition\}:iam::\$\{data\.aws_caller_identity\.[a-z0-9_]+\.account_id\}:root$/.test(String(principal)),
        isAccountId: (value) => /^\$\{data\.aws_caller_identity\.[a-z0-9_]+\.account_id\}$/.test(String(value)),
        isSelf: (resource) => topicOf(resource)?.body === body,
        accountArn: (value) => {
          const arn = /^arn:\$\{data\.aws_partition\.[a-z0-9_]+\.partition\}:([^:]*):([^:]*):\$\{data\.aws_caller_identity\.[a-z0-9_]+\.account_id\}:(.*)$/.exec(String(value));
          return arn ? `arn:{partition}:${arn[1]}:${arn[2]}:{account}:${arn[3]}` : null;
        },
      };
      lines.push(...policyLines(region, body.name, keyPolicy ?? [], statements, read));
    }
    if (type === 'aws_sns_topic_subscription') {
      const topic = topicOf(body.topic_arn);
      if (topic && named.topics.has(topic.body.name)) lines.push(`subscription ${regionOf(topic.body.provider)} ${topic.body.name} ${body.protocol} ${body.endpoint}`);
    }
    if (type === 'aws_cloudwatch_log_group' && named.logGroups.has(body.name)) {
      const key = body.kms_key_id === undefined ? null : reference(body.kms_key_id);
      const keyPolicy = key?.type === 'aws_kms_key' && key.item ? (JSON.parse(String(key.item.body.policy)) as { Statement: Json[] }).Statement : null;
      lines.push(`log-group ${region} ${body.name} retention=${body.retention_in_days} key=${keyText(keyPolicy)}`);
    }
    if (type === 'aws_cloudwatch_log_metric_filter') {
      const group = reference(body.log_group_name);
      const transformation = body.metric_transformation ?? {};
      lines.push(`metric-filter ${region} ${group?.item ? group.item.body.name : body.log_group_name} ${body.pattern} -> ${transformation.namespace}/${transformation.name}=${transformation.value}`);
    }
    if (type === 'aws_cloudwatch_dashboard') lines.push(dashboardLine(region, body.dashboard_name, JSON.parse(String(body.dashboard_body))));
    if (type === 'aws_chatbot_slack_channel_configuration') {
      const topics = ((body.sns_topic_arns ?? []) as unknown[]).map((arn) => {
        const topic = topicOf(arn);
        return topic ? `${regionOf(topic.body.provider)}/${topic.body.name}` : String(arn);
      });
      const role = reference(body.iam_role_arn)?.item;
      const trusted = role ? ((JSON.parse(String(role.body.assume_role_policy)) as { Statement: Json[] }).Statement).flatMap((statement) => [statement.Principal?.Service].flat()) : [];
      const permissions = resources.filter((item) => ['aws_iam_role_policy', 'aws_iam_role_policy_attachment'].includes(item.type) && role
        && String(item.body.role).includes(`aws_iam_role.${role.name}.`)).map((item) => item.type);
      lines.push(slackLine({
        region, name: body.configuration_name, workspace: body.slack_team_id, channel: body.slack_channel_id, topics,
        guardrails: ((body.guardrail_policy_arns ?? []) as unknown[]).map((arn) => String(arn).split(':policy/').pop() ?? '?'),
        role: `${trusted.join('+')}${permissions.length > 0 ? `:${permissions.join(',')}` : ''}`,
      }));
    }
  }
  for (const [name, { value }] of Object.entries(outputs)) {
    const meaning = dimension(value);
    if (meaning.startsWith('{watched:') && named.outputTfNames.has(name)) lines.push(tfOutputLine(name, meaning));
  }
  return [...new Set(lines)].toSorted();
}

/** The stateful properties that matter, in the CloudFormation model's words. */
function tfStateful(resources: readonly { type: string; name: string; body: Json }[], regionOf: (provider: string | undefined) => string): string[] {
  const lines: string[] = [];
  for (const { type, body } of resources) {
    const region = regionOf(body.provider);
    if (type === 'aws_db_instance' && !body.replicate_source_db) {
      const db = `db:${body.identifier}`;
      lines.push(`${db} engine=${body.engine} ${majorVersion(body.engine, body.engine_version)} class=${body.instance_class} storage=${body.allocated_storage} encrypted=${body.storage_encrypted}`,
        `${db} multiAz=${body.multi_az} deletionProtection=${body.deletion_protection} backups=${body.backup_retention_period}`,
        `${db} pin=${body.engine_version}`,
        `${db} name=${body.db_name}`,
        `${db} logs=${(body.enabled_cloudwatch_logs_exports ?? []).join(',')} iamAuth=${body.iam_database_authentication_enabled} ca=${body.ca_cert_identifier}`);
    }
    if (type === 'aws_lb') lines.push(`lb@${region} deletionProtection=${body.enable_deletion_protection}`);
    if (type === 'aws_lb_target_group') lines.push(`target group@${region} path=${body.health_check?.path} codes=${body.health_check?.matcher}`);
    if (type === 'aws_cloudfront_distribution') {
      lines.push(`cdn compress=${[body.default_cache_behavior, ...(body.ordered_cache_behavior ?? [])].map((behavior: Json) => behavior.compress === true).join(',')}`);
    }
  }
  return lines.toSorted();
}
