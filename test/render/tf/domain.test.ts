import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffTfConfigs, losesData } from '../../../lib/analyze/upgrade-diff';
import { type ArchitecturePlan, createPlan } from '../../../lib/plan';
import { checkTfConfig, renderTfConfigs } from '../../../lib/render/tf';
import { parseBlueprint } from '../../../lib/spec';
import { examplePlan } from './examples';

// The domain (zone, certificates, records, HTTPS to the origin) and the origin proof (the secret header CloudFront
// sends and the origin requires), as Terraform renders them.

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Config {
  readonly resource: Record<string, Record<string, Body>>;
  readonly data: Record<string, Record<string, Body>>;
  readonly ephemeral?: Record<string, Record<string, Body>>;
  readonly provider: { aws: Body[] };
  readonly output: Record<string, Body>;
}

const configOf = (plan: ArchitecturePlan): Config => Object.values(renderTfConfigs(plan))[0] as unknown as Config;
const blueprint = (file: string): string => readFileSync(join(__dirname, '..', '..', '..', 'blueprints', file), 'utf8');
const planOf = (yaml: string): ArchitecturePlan => createPlan(parseBlueprint(yaml, 'test.yaml').spec);
const statementsOf = (policy: Body): Body[] => (JSON.parse(policy.policy as string) as { Statement: Body[] }).Statement;

const CURRENT = '${data.aws_secretsmanager_secret_version.origin_secret_v1.secret_string}';
/** The version after it, accepted a rotation early (cdn.originSecretVersion 1 accepts v1 and v2). */
const NEXT = '${data.aws_secretsmanager_secret_version.origin_secret_v2.secret_string}';
const VALIDATION = (name: string) => `\${tolist(aws_acm_certificate.${name}.domain_validation_options).0.resource_record_name}`;

describe('store-2-domain (level 2, us-east-1): CloudFront in front of the server', () => {
  // Without its hostedZoneId: the zone is read by name.
  const config = configOf(examplePlan('store-2-domain.yaml', { ', hostedZoneId: Z0123456789ABCDEFGHIJ': '' }));
  const { resource, data } = config;

  it('issues CloudFront\'s certificate in us-east-1 on the default provider, validated by a record in the zone', () => {
    expect(config.provider.aws).toHaveLength(1);
    expect(data.aws_route53_zone.hosted_zone).toEqual({ name: 'example.com', private_zone: false });
    expect(resource.aws_acm_certificate.viewer_certificate).toMatchObject({ domain_name: 'store.example.com', validation_method: 'DNS' });
    expect(resource.aws_acm_certificate.viewer_certificate).not.toHaveProperty('provider');
    expect(resource.aws_route53_record.viewer_certificate_validation).toMatchObject({
      zone_id: '${data.aws_route53_zone.hosted_zone.zone_id}', name: VALIDATION('viewer_certificate'),
      records: ['${tolist(aws_acm_certificate.viewer_certificate.domain_validation_options).0.resource_record_value}'],
    });
    expect(resource.aws_acm_certificate_validation.viewer_certificate).toEqual({
      certificate_arn: '${aws_acm_certificate.viewer_certificate.arn}',
      validation_record_fqdns: ['${aws_route53_record.viewer_certificate_validation.fqdn}'],
    });
    expect(resource.aws_acm_certificate).not.toHaveProperty('origin_certificate');
  });

  it('answers to the domain with the validated certificate and reaches the server over HTTPS with the secret header', () => {
    const distribution = resource.aws_cloudfront_distribution.cdn;
    expect(distribution.aliases).toEqual(['store.example.com']);
    expect(distribution.viewer_certificate).toEqual({
      acm_certificate_arn: '${aws_acm_certificate_validation.viewer_certificate.certificate_arn}',
      ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021',
    });
    expect(distribution.origin[0]).toMatchObject({
      origin_id: 'app', domain_name: 'origin.store.example.com',
      custom_origin_config: { origin_protocol_policy: 'https-only', https_port: 443 },
      custom_header: [{ name: 'X-Origin-Verify', value: CURRENT }],
    });
    expect(resource.aws_s3_bucket).toHaveProperty('static_assets');
  });

  it('generates each accepted secret once through write-only arguments, under its fixed name, and reads it back', () => {
    expect(Object.keys(resource.aws_secretsmanager_secret).filter((name) => name.startsWith('origin_secret')).toSorted()).toEqual(['origin_secret_v1', 'origin_secret_v2']);
    for (const version of [1, 2]) {
      const secret = `origin_secret_v${version}`;
      expect(resource.aws_secretsmanager_secret[secret]).toMatchObject({ name: `tierup/store/production/origin-secret-v${version}`, recovery_window_in_days: 0 });
      expect(config.ephemeral?.aws_secretsmanager_random_password[`${secret}_password`]).toEqual({ password_length: 32, exclude_punctuation: true });
      expect(resource.aws_secretsmanager_secret_version[`${secret}_value`]).toEqual({
        secret_id: `\${aws_secretsmanager_secret.${secret}.id}`,
        secret_string_wo: `\${ephemeral.aws_secretsmanager_random_password.${secret}_password.random_password}`,
        secret_string_wo_version: 1,
      });
      expect(data.aws_secretsmanager_secret_version[secret]).toMatchObject({
        secret_id: `\${aws_secretsmanager_secret.${secret}.id}`, depends_on: [`aws_secretsmanager_secret_version.${secret}_value`],
      });
    }
  });

  it('points the domain at CloudFront (A and AAAA) and the origin name at the server\'s address', () => {
    const alias = { name: '${aws_cloudfront_distribution.cdn.domain_name}', zone_id: '${aws_cloudfront_distribution.cdn.hosted_zone_id}', evaluate_target_health: false };
    expect(resource.aws_route53_record.domain_record).toMatchObject({ name: 'store.example.com', type: 'A', alias });
    expect(resource.aws_route53_record.domain_record_ipv6).toMatchObject({ name: 'store.example.com', type: 'AAAA', alias });
    expect(resource.aws_route53_record.origin_record).toEqual({
      zone_id: '${data.aws_route53_zone.hosted_zone.zone_id}', name: 'origin.store.example.com', type: 'A', ttl: 60, records: ['${aws_eip.server_address.public_ip}'],
    });
    expect(config.output.url.value).toBe('https://store.example.com');
  });

  it('admits only CloudFront\'s origin-facing addresses on 443 to the server', () => {
    const rules = Object.values(resource.aws_vpc_security_group_ingress_rule).filter((rule) => rule.security_group_id === '${aws_security_group.server_security_group.id}');
    expect(rules).toEqual([expect.objectContaining({ prefix_list_id: '${data.aws_ec2_managed_prefix_list.server_cloudfront.id}', from_port: 443, to_port: 443 })]);
    expect(data.aws_ec2_managed_prefix_list.server_cloudfront).toEqual({ name: 'com.amazonaws.global.cloudfront.origin-facing' });
  });

  it('lets the server read the accepted origin secrets and write only its DNS challenge record', () => {
    const statements = statementsOf(resource.aws_iam_role_policy.server_permissions);
    for (const secret of ['origin_secret_v1', 'origin_secret_v2']) {
      expect(statements).toContainEqual({
        Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: [`\${aws_secretsmanager_secret.${secret}.arn}`],
      });
    }
    expect(statements).toContainEqual({
      Effect: 'Allow', Action: ['route53:ChangeResourceRecordSets'], Resource: ['${data.aws_route53_zone.hosted_zone.arn}'],
      Condition: { 'ForAllValues:StringEquals': {
        'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['_acme-challenge.origin.store.example.com'],
        'route53:ChangeResourceRecordSetsRecordTypes': ['TXT'],
      } },
    });
    expect(statements).toContainEqual({ Effect: 'Allow', Action: ['route53:ListHostedZones', 'route53:GetChange'], Resource: ['*'] });
    // The one CloudFront sends first.
    expect(resource.aws_ssm_parameter.app_config_origin_secret_names.value).toBe('tierup/store/production/origin-secret-v1 tierup/store/production/origin-secret-v2');
  });
});

describe('store-4-domain (level 4, eu-west-1): HTTPS load balancer behind CloudFront', () => {
  const config = configOf(examplePlan('store-4-domain.yaml'));
  const { resource, data } = config;

  it('issues CloudFront\'s certificate through an aliased us-east-1 provider, and the origin\'s in eu-west-1', () => {
    expect(config.provider.aws).toEqual([
      expect.objectContaining({ region: 'eu-west-1' }),
      expect.objectContaining({ region: 'us-east-1', alias: 'us_east_1' }),
    ]);
    expect(resource.aws_acm_certificate.viewer_certificate).toMatchObject({ provider: 'aws.us_east_1', domain_name: 'store.example.com' });
    expect(resource.aws_acm_certificate_validation.viewer_certificate).toMatchObject({ provider: 'aws.us_east_1' });
    expect(resource.aws_acm_certificate.origin_certificate).toMatchObject({ domain_name: 'origin.store.example.com', validation_method: 'DNS' });
    expect(resource.aws_acm_certificate.origin_certificate).not.toHaveProperty('provider');
    expect(resource.aws_route53_record.origin_certificate_validation).toMatchObject({ name: VALIDATION('origin_certificate') });
    expect(data.aws_route53_zone.hosted_zone).toEqual({ zone_id: 'Z0123456789ABCDEFGHIJ' });
  });

  it('serves HTTPS 443 with the validated certificate, answers 403 by default and forwards only the secret header', () => {
    expect(Object.keys(resource.aws_lb_listener)).toEqual(['load_balancer_listener']);
    expect(resource.aws_lb_listener.load_balancer_listener).toMatchObject({
      port: 443, protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificate_arn: '${aws_acm_certificate_validation.origin_certificate.certificate_arn}',
      default_action: [{ type: 'fixed-response', fixed_response: { status_code: '403', content_type: 'text/plain' } }],
    });
    expect(resource.aws_lb_listener_rule.load_balancer_app_rule).toEqual({
      listener_arn: '${aws_lb_listener.load_balancer_listener.arn}',
      priority: 50000,
      condition: [{ http_header: { http_header_name: 'X-Origin-Verify', values: [CURRENT, NEXT] } }],
      action: [{ type: 'forward', target_group_arn: '${aws_lb_target_group.fleet_target_group.arn}' }],
    });
  });

  it('admits CloudFront on 443 only, and CloudFront reaches the origin name over HTTPS', () => {
    const rules = Object.values(resource.aws_vpc_security_group_ingress_rule).filter((rule) => rule.security_group_id === '${aws_security_group.load_balancer_security_group.id}');
    expect(rules.map((rule) => [rule.prefix_list_id ?? rule.cidr_ipv4, rule.from_port])).toEqual([['${data.aws_ec2_managed_prefix_list.load_balancer_cloudfront.id}', 443]]);
    expect(resource.aws_cloudfront_distribution.cdn.origin[0]).toMatchObject({
      domain_name: 'origin.store.example.com', custom_origin_config: { origin_protocol_policy: 'https-only', https_port: 443 },
      custom_header: [{ name: 'X-Origin-Verify', value: CURRENT }],
    });
  });

  it('points the origin name at the load balancer once the fleet is healthy, under the name level 3 used', () => {
    expect(resource.aws_route53_record.origin_record).toMatchObject({
      name: 'origin.store.example.com', type: 'A', depends_on: ['aws_autoscaling_group.fleet'],
      alias: { name: '${aws_lb.load_balancer.dns_name}', zone_id: '${aws_lb.load_balancer.zone_id}', evaluate_target_health: true },
    });
    expect(resource.aws_route53_record.origin_record).not.toHaveProperty('records');
    const three = configOf(planOf(blueprint('store-4-domain.yaml').replace('level: fleet', 'level: 3').replace(/\n {2}scaling: .*\n/, '\n').replace('  readReplicas: 1\n', '')));
    expect(three.resource.aws_route53_record.origin_record).toMatchObject({ name: 'origin.store.example.com', records: ['${aws_eip.server_address.public_ip}'] });
    expect(three.resource.aws_cloudfront_distribution).toHaveProperty('cdn');
  });
});

describe('level 7 with its domain', () => {
  const config = configOf(examplePlan('shop-7-multi-region.yaml'));
  const { resource, data } = config;

  it('gives each region\'s load balancer a certificate for the origin name, validated by one shared record', () => {
    expect(resource.aws_acm_certificate.origin_certificate).toMatchObject({ domain_name: 'origin.shop.example.com' });
    expect(resource.aws_acm_certificate.origin_certificate_eu_west_1).toMatchObject({ domain_name: 'origin.shop.example.com', provider: 'aws.eu_west_1' });
    expect(resource.aws_acm_certificate_validation.origin_certificate_eu_west_1.validation_record_fqdns).toEqual(['${aws_route53_record.origin_certificate_validation.fqdn}']);
    expect(Object.keys(resource.aws_route53_record).filter((name) => name.endsWith('_validation')).toSorted()).toEqual(['origin_certificate_validation', 'viewer_certificate_validation']);
    expect(resource.aws_acm_certificate.viewer_certificate).not.toHaveProperty('provider');
    expect(resource.aws_lb_listener.load_balancer_eu_west_1_listener).toMatchObject({
      port: 443, protocol: 'HTTPS', certificate_arn: '${aws_acm_certificate_validation.origin_certificate_eu_west_1.certificate_arn}',
    });
    expect(Object.keys(data.aws_route53_zone)).toEqual(['hosted_zone']);
  });

  it('lets Route 53\'s HTTPS health checks through on the health path without the header, in every region', () => {
    for (const suffix of ['', '_eu_west_1']) {
      expect(resource.aws_lb_listener_rule[`load_balancer${suffix}_health_check_rule`]).toMatchObject({
        priority: 10, condition: [{ path_pattern: { values: ['/health'] } }],
        action: [{ type: 'forward', target_group_arn: `\${aws_lb_target_group.fleet${suffix}_target_group.arn}` }],
      });
      // The further region's load balancer takes the primary region's value: one configuration, no replica.
      expect(resource.aws_lb_listener_rule[`load_balancer${suffix}_app_rule`].condition).toEqual([{ http_header: { http_header_name: 'X-Origin-Verify', values: [CURRENT, NEXT] } }]);
    }
    expect(Object.values(resource.aws_route53_health_check).map((check) => [check.type, check.port])).toEqual([['HTTPS', 443], ['HTTPS', 443]]);
    expect(resource.aws_vpc_security_group_ingress_rule.load_balancer_eu_west_1_health_checkers_health_checkers).toMatchObject({ from_port: 443 });
  });

  it('requires the header on every service\'s path rule too', () => {
    expect(resource.aws_lb_listener_rule.service_orders_fleet_eu_west_1_listener_rule.condition).toEqual([
      { path_pattern: { values: ['/orders/*'] } }, { http_header: { http_header_name: 'X-Origin-Verify', values: [CURRENT, NEXT] } },
    ]);
  });

  it('aliases the domain to CloudFront, and the origin name to the health-checked records of a name of their own', () => {
    expect(resource.aws_route53_record).toHaveProperty('domain_record');
    // The same simple record as at levels 4-6 (Route 53 refuses failover records beside it), now an alias in the zone.
    expect(resource.aws_route53_record.origin_record).toMatchObject({
      name: 'origin.shop.example.com', type: 'A',
      alias: { name: 'routed.origin.shop.example.com', zone_id: '${data.aws_route53_zone.hosted_zone.zone_id}', evaluate_target_health: true },
      depends_on: ['aws_route53_record.origin_record_us_east_1', 'aws_route53_record.origin_record_eu_west_1'],
    });
    expect(resource.aws_route53_record.origin_record).not.toHaveProperty('set_identifier');
    expect(resource.aws_route53_record.origin_record_eu_west_1).toMatchObject({ name: 'routed.origin.shop.example.com', failover_routing_policy: { type: 'SECONDARY' } });
  });

  it('reuses the further region\'s us-east-1 provider for CloudFront\'s certificate when the primary is elsewhere', () => {
    const flipped = configOf(planOf(blueprint('shop-7-multi-region.yaml').replace('regions: [us-east-1, eu-west-1]', 'regions: [eu-west-1, us-east-1]')));
    expect(flipped.provider.aws.map((provider) => provider.alias ?? null)).toEqual([null, 'us_east_1']);
    expect(flipped.resource.aws_acm_certificate.viewer_certificate).toMatchObject({ provider: 'aws.us_east_1' });
    expect(flipped.resource.aws_acm_certificate.origin_certificate_us_east_1).toMatchObject({ provider: 'aws.us_east_1' });
  });
});

describe('the origin proof without a domain, and a domain without a CDN', () => {
  it('sends the current value and accepts the next one and the previous one while a rotation rolls out', () => {
    const { resource, data } = configOf(planOf('name: shop\nlevel: 4\ncdn: { originSecretVersion: 3 }\n'));
    expect(Object.keys(resource.aws_secretsmanager_secret).filter((name) => name.startsWith('origin_secret')).toSorted()).toEqual(['origin_secret_v2', 'origin_secret_v3', 'origin_secret_v4']);
    expect(Object.keys(data.aws_secretsmanager_secret_version).toSorted()).toEqual(['origin_secret_v2', 'origin_secret_v3', 'origin_secret_v4']);
    expect(resource.aws_cloudfront_distribution.cdn.origin[0].custom_header).toEqual([
      { name: 'X-Origin-Verify', value: '${data.aws_secretsmanager_secret_version.origin_secret_v3.secret_string}' },
    ]);
    expect(resource.aws_lb_listener_rule.load_balancer_app_rule.condition[0].http_header.values).toEqual([
      '${data.aws_secretsmanager_secret_version.origin_secret_v3.secret_string}', '${data.aws_secretsmanager_secret_version.origin_secret_v4.secret_string}',
      '${data.aws_secretsmanager_secret_version.origin_secret_v2.secret_string}',
    ]);
  });

  it('keeps CloudFront\'s own name and HTTP to the load balancer without a domain, behind the same 403', () => {
    const { resource } = configOf(examplePlan('shop-4-fleet.yaml'));
    // Request scaling names the target group's metric, which needs the target group behind the load balancer: the app's rule.
    expect(resource.aws_autoscaling_policy.fleet_request_scaling.depends_on).toEqual(['aws_lb_listener_rule.load_balancer_app_rule']);
    const distribution = resource.aws_cloudfront_distribution.cdn;
    expect(distribution).not.toHaveProperty('aliases');
    expect(distribution.viewer_certificate).toEqual({ cloudfront_default_certificate: true });
    expect(distribution.origin[0]).toMatchObject({ domain_name: '${aws_lb.load_balancer.dns_name}', custom_origin_config: { origin_protocol_policy: 'http-only', http_port: 80 } });
    expect(resource.aws_lb_listener.load_balancer_listener).toMatchObject({ port: 80, protocol: 'HTTP', default_action: [{ type: 'fixed-response' }] });
    expect(resource).not.toHaveProperty('aws_acm_certificate');
  });

  it('serves the domain from the load balancer itself without a CDN: HTTPS, HTTP redirecting, both from anywhere', () => {
    const { resource } = configOf(planOf('name: shop\nlevel: 4\ndomain: { name: shop.example.com, hostedZone: example.com }\ncdn: { enabled: false }\n'));
    expect(resource.aws_lb_listener.load_balancer_listener).toMatchObject({
      port: 443, protocol: 'HTTPS', default_action: [{ type: 'forward', target_group_arn: '${aws_lb_target_group.fleet_target_group.arn}' }],
    });
    expect(resource.aws_lb_listener.load_balancer_listener_http).toMatchObject({
      port: 80, protocol: 'HTTP', default_action: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } }],
    });
    expect(resource).not.toHaveProperty('aws_lb_listener_rule');
    const rules = Object.values(resource.aws_vpc_security_group_ingress_rule).filter((rule) => rule.security_group_id === '${aws_security_group.load_balancer_security_group.id}');
    expect(rules.map((rule) => [rule.cidr_ipv4, rule.from_port])).toEqual([['0.0.0.0/0', 80], ['0.0.0.0/0', 443]]);
    expect(resource.aws_acm_certificate.origin_certificate).toMatchObject({ domain_name: 'shop.example.com' });
    expect(resource.aws_route53_record.domain_record).toMatchObject({ alias: { name: '${aws_lb.load_balancer.dns_name}' } });
  });

  it('points the domain straight at the server without a CDN, admitting 80 and 443 from anywhere', () => {
    const { resource } = configOf(planOf('name: shop\nlevel: 3\ndomain: { name: shop.example.com, hostedZone: example.com }\ncdn: { enabled: false }\n'));
    expect(resource.aws_route53_record.domain_record).toMatchObject({ name: 'shop.example.com', type: 'A', ttl: 60, records: ['${aws_eip.server_address.public_ip}'] });
    expect(resource).not.toHaveProperty('aws_cloudfront_distribution');
    expect(resource.aws_vpc_security_group_ingress_rule.server_security_group_http).toMatchObject({ cidr_ipv4: '0.0.0.0/0', from_port: 80 });
    expect(resource.aws_vpc_security_group_ingress_rule.server_security_group_https).toMatchObject({ cidr_ipv4: '0.0.0.0/0', from_port: 443 });
  });
});

describe('climbing with a domain', () => {
  const at = (level: number): ArchitecturePlan => planOf(`name: store\nlevel: ${level}\nenvironment: production\ndomain: { name: store.example.com, hostedZone: example.com }\n`);
  const configs = [1, 2, 3, 4].map((level) => renderTfConfigs(at(level)));

  it.each([1, 2, 3])('loses nothing from level %i to the next, and keeps the CDN, its certificate and the origin secret', (level) => {
    const changes = diffTfConfigs(configs[level - 1], configs[level]);
    expect(changes.filter(losesData)).toEqual([]);
    const untouched = ['aws_cloudfront_distribution.cdn', 'aws_acm_certificate.viewer_certificate', 'aws_secretsmanager_secret.origin_secret_v1', 'aws_s3_bucket.static_assets', 'aws_route53_record.domain_record'];
    expect(changes.filter((change) => untouched.includes(change.id) && change.action !== 'update')).toEqual([]);
  });

  it('repoints the origin record from the server to the load balancer in place at 3 → 4', () => {
    const change = diffTfConfigs(configs[2], configs[3]).find((candidate) => candidate.id === 'aws_route53_record.origin_record');
    expect(change).toMatchObject({ action: 'update', causes: expect.arrayContaining(['alias', 'records', 'ttl']) });
  });
});

describe('every variant of the domain', () => {
  const domain = 'domain: { name: shop.example.com, hostedZone: example.com }\n';
  const variants: [string, string][] = [
    ['level 1 with a domain', `name: shop\nlevel: 1\n${domain}`],
    ['level 3, CDN off', `name: shop\nlevel: 3\n${domain}cdn: { enabled: false }\n`],
    ['level 4 in eu-west-1, zone by name', `name: shop\nlevel: 4\nregions: [eu-west-1]\n${domain}`],
    ['level 4, CDN off', `name: shop\nlevel: 4\n${domain}cdn: { enabled: false }\n`],
    ['level 6, second secret version', `name: shop\nlevel: 6\n${domain}cdn: { originSecretVersion: 2 }\nservices: [{ name: orders, pathPattern: "/orders/*" }]\n`],
    ['level 7, CDN off', `${blueprint('shop-7-multi-region.yaml').replace('cdn: { priceClass: 100, staticAssets: true }', 'cdn: { enabled: false }')}`],
  ];

  it.each(variants)('%s passes the provider check', (_name, yaml) => {
    for (const config of Object.values(renderTfConfigs(planOf(yaml)))) expect(checkTfConfig(config)).toEqual([]);
  });

  it('level 7 without a CDN still serves HTTPS for the origin name, with no header rule and no viewer record', () => {
    const { resource } = configOf(planOf(variants[5][1]));
    expect(resource.aws_lb_listener.load_balancer_listener).toMatchObject({ port: 443, protocol: 'HTTPS', default_action: [{ type: 'forward' }] });
    expect(Object.keys(resource.aws_lb_listener_rule).filter((name) => name.startsWith('load_balancer'))).toEqual([]);
    expect(resource.aws_route53_record).not.toHaveProperty('domain_record');
    expect(resource.aws_acm_certificate).not.toHaveProperty('viewer_certificate');
  });
});
