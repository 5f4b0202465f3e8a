import type { ArchitecturePlan } from '../../../lib/plan';
import { atom, deliveryLine, fromSymbolicArn, majorVersion, nodeOfPhysical, type SemanticModel, statementConditions, toldFrom, toSymbolicArn } from './semantic-model';

// The meaning of Terraform JSON configurations, read from the configurations alone: resource names (contract,
// DESIGN.md §5.1) and physical names say which resource is which.

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Config = { readonly resource?: Record<string, Record<string, Json>>; readonly data?: Record<string, Record<string, Json>>; readonly locals?: Record<string, string> };

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
        return `${key}@${region} ${action} ${settingsPath ? atom('settings', settingsPath[1], region) : text(resource)}${statementConditions(statement.Condition)}`;
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
  ].toSorted() };
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
