import { acceptedOriginSecrets, type ArchitecturePlan, servingListener } from '../../../lib/plan';

// What viewers meet, as both engines' outputs and the plan can be read into: the distribution's names,
// certificate and origin (with the secret header it sends), each load balancer's listeners and rules (which
// header values they accept, what they refuse), the records in the hosted zone, and the certificates.
// Secrets are named `{origin-secret:<name>}`, certificates by domain and region.

/** `{origin-secret:tierup/shop/production/origin-secret-v1}`. */
export const originSecretAtom = (name: string): string => `{origin-secret:${name}}`;

/** What the plan says viewers meet, as sorted lines. */
export function planFront(plan: ArchitecturePlan): string[] {
  const lines: string[] = [];
  const { cdn, domain, loadBalancer } = plan;
  // What the load balancer requires (nothing while `cdn.requireOriginSecret` is false); CloudFront sends it regardless.
  const proof = loadBalancer?.originProof ?? null;
  const accepted = proof ? acceptedOriginSecrets(proof).map((secret) => originSecretAtom(secret.name)).join(',') : '';
  if (cdn) {
    const host = domain ? domain.originName : plan.server ? '{server}' : '{load-balancer}';
    lines.push(`cdn aliases=${cdn.aliases.join(',') || '-'} certificate=${domain?.viewerCertificate ? `${domain.viewerCertificate.domainName}@us-east-1` : 'cloudfront'}`);
    lines.push(`cdn origin ${cdn.originProtocol}://${host} ${cdn.originProof.headerName}=${originSecretAtom(cdn.originProof.current.name)}`);
  }
  if (domain) {
    if (domain.viewerCertificate) lines.push(`certificate ${domain.viewerCertificate.domainName}@us-east-1`);
    const record = domain.viewerRecord;
    if (record) {
      const types = record.target === 'cdn' ? ['A', 'AAAA'] : ['A'];
      for (const type of types) lines.push(`record ${record.name} ${type} -> ${record.target === 'load-balancer' ? `load-balancer@${plan.regions[0].region}` : record.target}`);
    }
    if (domain.originRecord) {
      lines.push(`record ${domain.originRecord.name} A -> ${domain.originRecord.target === 'load-balancer' ? `load-balancer@${plan.regions[0].region}` : domain.originRecord.target}`);
    }
  }
  if (loadBalancer) {
    const regions = plan.multiRegion ? plan.regions.map((region) => region.region) : [plan.regions[0].region];
    for (const region of regions) {
      const at = `load-balancer@${region}`;
      for (const listener of loadBalancer.listeners) {
        if (listener.certificate) lines.push(`certificate ${listener.certificate.domainName}@${region}`);
        const action = listener.action === 'redirect-to-https' ? 'redirect https:443' : proof ? 'fixed 403' : 'forward app';
        lines.push(`${at} listener ${listener.port} ${listener.protocol} certificate=${listener.certificate?.domainName ?? '-'} default=${action}`);
      }
      const serving = servingListener(loadBalancer).port;
      const header = proof ? ` header ${proof.headerName} in ${accepted}` : '';
      if (proof) lines.push(`${at} listener ${serving} rule ${loadBalancer.appRulePriority}${header} -> app`);
      for (const service of plan.services) lines.push(`${at} listener ${serving} rule ${service.listenerPriority} path ${service.pathPattern}${header} -> ${service.name}`);
      if (loadBalancer.healthCheckRule) lines.push(`${at} listener ${serving} rule ${loadBalancer.healthCheckRule.priority} path ${loadBalancer.healthCheckRule.path} -> app`);
      if (plan.multiRegion?.records.some((record) => record.region === region)) lines.push(`record ${plan.multiRegion.routedName} A -> ${at} health-checked HTTP${serving === 443 ? 'S' : ''}:${serving}`);
    }
  }
  return lines.toSorted();
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type TfConfig = { readonly resource?: Record<string, Record<string, Json>>; readonly data?: Record<string, Record<string, Json>> };

/** What viewers meet, read from a plan's Terraform configurations alone. */
export function tfFront(plan: ArchitecturePlan, configs: Record<string, TfConfig>): string[] {
  const items = (section: 'resource' | 'data') => Object.values(configs).flatMap((config) => Object.entries(config[section] ?? {})
    .flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => ({ type, name, body: body as Json }))));
  const resources = items('resource');
  const data = items('data');
  const get = (type: string, name: string) => resources.find((item) => item.type === type && item.name === name);
  // `aws.eu_west_1` is the provider of eu-west-1 (level 7's aliases, and the us-east-1 one for CloudFront's certificate).
  const regionOf = (body: Json): string => (body.provider ? String(body.provider).slice('aws.'.length).replace(/_/g, '-') : plan.regions[0].region);
  const reference = (value: unknown): { type: string; name: string; attribute: string; data: boolean } | null => {
    const match = /^\$\{(data\.)?([a-z0-9_]+)\.([a-z0-9_]+)\.([^}]+)\}$/.exec(String(value));
    return match ? { data: match[1] !== undefined, type: match[2], name: match[3], attribute: match[4] } : null;
  };
  /** A header value: the data source reading an origin secret's version. */
  const secretValue = (value: unknown): string => {
    const ref = reference(value);
    const read = ref && data.find((item) => item.type === ref.type && item.name === ref.name);
    const secret = read && reference(read.body.secret_id);
    const body = secret && get(secret.type, secret.name)?.body;
    return body?.name ? originSecretAtom(body.name) : `{?${String(value)}}`;
  };
  /** A certificate ARN: the validated certificate's domain and region. */
  const certificate = (value: unknown): string => {
    let ref = reference(value);
    if (ref?.type === 'aws_acm_certificate_validation') ref = reference(get(ref.type, ref.name)?.body.certificate_arn);
    const body = ref && get(ref.type, ref.name)?.body;
    return body ? `${body.domain_name}@${regionOf(body)}` : `{?${String(value)}}`;
  };
  const target = (value: unknown): string => {
    const ref = reference(value);
    // Level 7's origin record aliases the routed records by name, in the same zone.
    if (!ref && plan.multiRegion && String(value).replace(/\.$/, '') === plan.multiRegion.routedName) return 'routed';
    if (!ref) return `{?${String(value)}}`;
    if (ref.type === 'aws_cloudfront_distribution') return 'cdn';
    if (ref.type === 'aws_eip') return 'server';
    if (ref.type === 'aws_lb') return `load-balancer@${regionOf(get(ref.type, ref.name)?.body ?? {})}`;
    return `{?${ref.type}}`;
  };
  const owner = (targetGroup: unknown): string => {
    const ref = reference(targetGroup);
    const key = ref ? ref.name.replace(/_target_group$/, '').replace(/_[a-z]{2}_[a-z]+_\d$/, '') : '?';
    if (key === plan.fleet?.tfName) return 'app';
    return plan.services.find((service) => service.fleet.tfName === key)?.name ?? `{?${key}}`;
  };

  const lines: string[] = [];
  for (const { body } of resources.filter((item) => item.type === 'aws_cloudfront_distribution')) {
    const viewer = body.viewer_certificate;
    lines.push(`cdn aliases=${(body.aliases ?? []).join(',') || '-'} certificate=${viewer?.acm_certificate_arn ? certificate(viewer.acm_certificate_arn) : 'cloudfront'}`);
    for (const origin of (body.origin ?? []).filter((candidate: Json) => candidate.custom_origin_config)) {
      const protocol = origin.custom_origin_config.origin_protocol_policy === 'https-only' ? 'https' : 'http';
      const host = reference(origin.domain_name) ? `{${target(origin.domain_name).split('@')[0]}}` : origin.domain_name;
      const headers = (origin.custom_header ?? []).map((header: Json) => ` ${header.name}=${secretValue(header.value)}`).join('');
      lines.push(`cdn origin ${protocol}://${host}${headers}`);
    }
  }
  for (const { body } of resources.filter((item) => item.type === 'aws_acm_certificate')) lines.push(`certificate ${body.domain_name}@${regionOf(body)}`);
  for (const { name, body } of resources.filter((item) => item.type === 'aws_route53_record' && !item.name.endsWith('_validation'))) {
    const to = body.alias ? target(body.alias.name) : target((body.records ?? [])[0]);
    const check = body.health_check_id ? get('aws_route53_health_check', reference(body.health_check_id)?.name ?? '')?.body : undefined;
    lines.push(`record ${body.name} ${body.type} -> ${to}${check ? ` health-checked ${check.type}:${check.port}` : ''}`.replace(/^record (\S+) (\S+) -> \{\?.*$/, `record $1 $2 -> {?${name}}`));
  }
  const listeners = resources.filter((item) => item.type === 'aws_lb_listener');
  for (const { body } of listeners) {
    const at = `load-balancer@${regionOf(body)}`;
    const [action] = body.default_action;
    const what = action.type === 'fixed-response' ? `fixed ${action.fixed_response.status_code}`
      : action.type === 'redirect' ? `redirect ${String(action.redirect.protocol).toLowerCase()}:${action.redirect.port}` : 'forward app';
    lines.push(`${at} listener ${body.port} ${body.protocol} certificate=${body.certificate_arn ? certificate(body.certificate_arn).split('@')[0] : '-'} default=${what}`);
  }
  for (const { body } of resources.filter((item) => item.type === 'aws_lb_listener_rule')) {
    const listener = get('aws_lb_listener', reference(body.listener_arn)?.name ?? '')?.body;
    const conditions = (body.condition ?? []).map((condition: Json) => condition.path_pattern
      ? ` path ${condition.path_pattern.values.join(',')}`
      : ` header ${condition.http_header.http_header_name} in ${condition.http_header.values.map(secretValue).join(',')}`).join('');
    const forward = body.action.find((action: Json) => action.type === 'forward');
    lines.push(`load-balancer@${regionOf(body)} listener ${listener?.port} rule ${body.priority}${conditions} -> ${owner(forward?.target_group_arn)}`);
  }
  return lines.toSorted();
}

interface CfnResource { readonly Type: string; readonly Properties?: Json; readonly DependsOn?: unknown }
interface CfnTemplate { readonly Resources: Record<string, CfnResource> }

/** What viewers meet, read from a plan's CloudFormation templates alone (nested stacks as `<parent>/<id>`). */
export function cfnFront(plan: ArchitecturePlan, templates: Record<string, CfnTemplate>): string[] {
  const regionOf = (stack: string): string => {
    const root = stack.split('/')[0];
    if (root === plan.domain?.certificateStack?.stackName) return plan.domain.certificateStack.region;
    return plan.regions.find((region) => region.stackName === root)?.region ?? '?';
  };
  const all = Object.entries(templates).flatMap(([stack, template]) =>
    Object.entries(template.Resources).map(([id, resource]) => ({ stack, id, resource, region: regionOf(stack) })));
  const find = (stack: string, id: string) => all.find((item) => item.stack === stack && item.id === id);
  /** A Ref or GetAtt, followed through a nested stack's parameters to the resource it names. */
  const target = (stack: string, expression: Json): { stack: string; id: string; attribute: string } | null => {
    const id = expression?.Ref ?? expression?.['Fn::GetAtt']?.[0];
    if (typeof id !== 'string') return null;
    if (find(stack, id) || !stack.includes('/')) return { stack, id, attribute: expression?.['Fn::GetAtt']?.[1] ?? 'Ref' };
    const [parent, child] = stack.split('/');
    const nested = all.find((item) => item.stack === parent && item.resource.Type === 'AWS::CloudFormation::Stack' && item.id.startsWith(child));
    const passed = nested?.resource.Properties?.Parameters?.[id];
    return passed === undefined ? null : target(parent, passed);
  };
  const resource = (stack: string, expression: Json) => {
    const found = target(stack, expression);
    return found ? find(found.stack, found.id) : undefined;
  };
  /** A header value: a dynamic reference to an origin secret, by name or by the secret's Ref. */
  const secretValue = (stack: string, value: Json): string => {
    const byName = /^\{\{resolve:secretsmanager:([^:]+):SecretString:::\}\}$/.exec(typeof value === 'string' ? value : '')?.[1];
    if (byName) return originSecretAtom(byName);
    const parts = value?.['Fn::Join']?.[1] as Json[] | undefined;
    const secret = parts && resource(stack, parts.find((part) => typeof part !== 'string'));
    return secret?.resource.Properties?.Name ? originSecretAtom(secret.resource.Properties.Name) : `{?${JSON.stringify(value)}}`;
  };
  /** A certificate ARN: in this stack, or exported from the us-east-1 certificate stack (crossRegionReferences). */
  const certificate = (stack: string, value: Json): string => {
    let cert = resource(stack, value);
    if (cert?.resource.Type === 'Custom::CrossRegionExportReader') {
      const exportName = value['Fn::GetAtt'][1];
      const writer = all.find((item) => item.resource.Type === 'Custom::CrossRegionExportWriter' && item.resource.Properties?.WriterProps?.exports?.[exportName]);
      cert = writer && resource(writer.stack, writer.resource.Properties.WriterProps.exports[exportName]);
    }
    return cert ? `${cert.resource.Properties.DomainName}@${cert.region}` : `{?${JSON.stringify(value)}}`;
  };
  const aliasTarget = (stack: string, value: Json): string => {
    if (typeof value === 'string' && plan.multiRegion && value.replace(/\.$/, '') === plan.multiRegion.routedName) return 'routed';
    const named = resource(stack, value?.['Fn::Join'] ? value['Fn::Join'][1].find((part: Json) => typeof part !== 'string') : value);
    if (named?.resource.Type === 'AWS::CloudFront::Distribution') return 'cdn';
    if (named?.resource.Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') return `load-balancer@${named.region}`;
    if (named?.resource.Type === 'AWS::EC2::EIP') return 'server';
    return `{?${JSON.stringify(value)}}`;
  };
  /** The fleet a target group serves: the app's (in a region's stack) or a service's (in its nested stack). */
  const owner = (stack: string, targetGroup: Json): string => {
    const group = resource(stack, targetGroup);
    const child = group?.stack.split('/')[1];
    if (!child) return 'app';
    return plan.services.find((service) => child === service.id || child.startsWith(service.id))?.name ?? `{?${child}}`;
  };

  const lines: string[] = [];
  for (const { stack, resource: { Type, Properties: p = {} }, region } of all) {
    if (Type === 'AWS::CloudFront::Distribution') {
      const config = p.DistributionConfig;
      const viewer = config.ViewerCertificate;
      lines.push(`cdn aliases=${(config.Aliases ?? []).join(',') || '-'} certificate=${viewer?.AcmCertificateArn ? certificate(stack, viewer.AcmCertificateArn) : 'cloudfront'}`);
      for (const origin of (config.Origins ?? []).filter((candidate: Json) => candidate.CustomOriginConfig)) {
        const protocol = origin.CustomOriginConfig.OriginProtocolPolicy === 'https-only' ? 'https' : 'http';
        const host = typeof origin.DomainName === 'string' ? origin.DomainName : `{${aliasTarget(stack, origin.DomainName).split('@')[0]}}`;
        const headers = (origin.OriginCustomHeaders ?? []).map((header: Json) => ` ${header.HeaderName}=${secretValue(stack, header.HeaderValue)}`).join('');
        lines.push(`cdn origin ${protocol}://${host}${headers}`);
      }
    }
    if (Type === 'AWS::CertificateManager::Certificate') lines.push(`certificate ${p.DomainName}@${region}`);
    if (Type === 'AWS::Route53::RecordSet') {
      const to = p.AliasTarget ? aliasTarget(stack, p.AliasTarget.DNSName) : aliasTarget(stack, (p.ResourceRecords ?? [])[0]);
      const check = p.HealthCheckId && resource(stack, p.HealthCheckId)?.resource.Properties?.HealthCheckConfig;
      lines.push(`record ${String(p.Name).replace(/\.$/, '')} ${p.Type} -> ${to}${check ? ` health-checked ${check.Type}:${check.Port}` : ''}`);
    }
    if (Type === 'AWS::ElasticLoadBalancingV2::Listener') {
      const [action] = p.DefaultActions;
      const what = action.Type === 'fixed-response' ? `fixed ${action.FixedResponseConfig.StatusCode}`
        : action.Type === 'redirect' ? `redirect ${String(action.RedirectConfig.Protocol).toLowerCase()}:${action.RedirectConfig.Port}` : 'forward app';
      const cert = p.Certificates?.[0]?.CertificateArn;
      lines.push(`load-balancer@${region} listener ${p.Port} ${p.Protocol} certificate=${cert ? certificate(stack, cert).split('@')[0] : '-'} default=${what}`);
    }
    if (Type === 'AWS::ElasticLoadBalancingV2::ListenerRule') {
      const listener = resource(stack, p.ListenerArn)?.resource.Properties;
      const conditions = (p.Conditions ?? []).map((condition: Json) => condition.Field === 'path-pattern'
        ? ` path ${(condition.PathPatternConfig?.Values ?? condition.Values).join(',')}`
        : ` header ${condition.HttpHeaderConfig.HttpHeaderName} in ${condition.HttpHeaderConfig.Values.map((value: Json) => secretValue(stack, value)).join(',')}`).join('');
      const forward = p.Actions.find((action: Json) => action.Type === 'forward');
      lines.push(`load-balancer@${region} listener ${listener?.Port} rule ${p.Priority}${conditions} -> ${owner(stack, forward?.TargetGroupArn)}`);
    }
  }
  return lines.toSorted();
}
