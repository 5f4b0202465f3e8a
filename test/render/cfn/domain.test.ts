import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { type ArchitecturePlan, createPlan } from '../../../lib/plan';
import { BlueprintStack, CFN_APP_PROPS } from '../../../lib/render/cfn';
import { addBlueprint } from '../../../lib/render/cfn/add-blueprint';
import { RegionalStack } from '../../../lib/render/cfn/regional-stack';
import { parseBlueprint } from '../../../lib/spec';
import { EXAMPLES_DIR } from './examples';

// The domain and the origin proof in CloudFormation: certificates, aliases, the HTTPS origin, the secret header
// CloudFront sends and the origin requires, records, and the ports each tier admits.

/** An example blueprint's plan, with YAML text replaced (`{ from: to }`). */
function planOf(file: string, edits: Readonly<Record<string, string>> = {}): ArchitecturePlan {
  const path = join(EXAMPLES_DIR, file);
  const text = Object.entries(edits).reduce((yaml, [from, to]) => yaml.replace(from, to), readFileSync(path, 'utf8'));
  return createPlan(parseBlueprint(text, path).spec);
}

/** store-2-domain without its hostedZoneId: the zone is looked up at deploy time. */
const LOOKED_UP = { ', hostedZoneId: Z0123456789ABCDEFGHIJ': '' };

function render(plan: ArchitecturePlan) {
  const app = new App(CFN_APP_PROPS);
  const blueprint = addBlueprint(app, plan);
  return { ...blueprint, template: Template.fromStack(blueprint.stack) };
}

/** `{{resolve:secretsmanager:<the secret's ARN>:SecretString:::}}`, for a secret created in the template. */
const secretValue = (logicalIdPrefix: string) => ({
  'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: Match.stringLikeRegexp(`^${logicalIdPrefix}`) }, ':SecretString:::}}']],
});
/** The zone id the deploy-time lookup answers. */
const lookedUpZoneId = { 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [Match.stringLikeRegexp('^HostedZoneLookup'), 'HostedZones.0.Id'] }] }] };

function ingressRules(template: Template, groupPrefix: string): { port: number; source: string }[] {
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
  const groupIds = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::EC2::SecurityGroup' && id.startsWith(groupPrefix));
  const standalone = Object.values(resources).filter((resource) => resource.Type === 'AWS::EC2::SecurityGroupIngress'
    && groupIds.includes(((resource.Properties.GroupId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'] ?? [])[0]))
    .map((resource) => resource.Properties);
  const inline = groupIds.flatMap((id) => (resources[id].Properties.SecurityGroupIngress as Record<string, unknown>[] | undefined) ?? []);
  return [...standalone, ...inline].map((rule) => ({
    port: rule.FromPort as number, source: (rule.SourcePrefixListId ?? rule.CidrIp) as string,
  })).toSorted((a, b) => a.port - b.port);
}

describe('store-2-domain (level 2 in us-east-1: CloudFront in front of the server)', () => {
  const { stack, template, regionalStacks } = render(planOf('store-2-domain.yaml', LOOKED_UP));

  it('holds CloudFront\'s certificate itself, validated by DNS in the zone it looks up by name', () => {
    expect(stack.certificateStack).toBeNull();
    expect(regionalStacks).toEqual([]);
    template.hasResourceProperties('Custom::AWS', {
      Create: Match.serializedJson(Match.objectLike({ service: 'Route53', action: 'listHostedZonesByName', parameters: { DNSName: 'example.com', MaxItems: '1' } })),
    });
    // One lookup serves the stack's certificate, records and the server's grant.
    template.resourceCountIs('Custom::AWS', 1);
    template.resourceCountIs('AWS::CertificateManager::Certificate', 1);
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'store.example.com', ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'store.example.com', HostedZoneId: lookedUpZoneId }],
    });
  });

  it('aliases the distribution to the domain with TLS 1.2 at least, and reaches the server over HTTPS with the secret header', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['store.example.com'],
        ViewerCertificate: { AcmCertificateArn: { Ref: Match.stringLikeRegexp('^ViewerCertificate') }, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
        Origins: Match.arrayWith([Match.objectLike({
          DomainName: 'origin.store.example.com',
          CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] }),
          OriginCustomHeaders: [{ HeaderName: 'X-Origin-Verify', HeaderValue: secretValue('OriginSecretV1') }],
        })]),
      }),
    });
  });

  it('generates each accepted header value in a secret of fixed name (app and environment in it), with no punctuation, deleted with the stack', () => {
    // The database's, and the origin's v1 (sent) and v2 (accepted a rotation early).
    template.resourceCountIs('AWS::SecretsManager::Secret', 3);
    for (const version of [1, 2]) {
      template.hasResource('AWS::SecretsManager::Secret', {
        DeletionPolicy: 'Delete',
        Properties: Match.objectLike({
          Name: `tierup/store/production/origin-secret-v${version}`,
          GenerateSecretString: { PasswordLength: 32, ExcludePunctuation: true },
          ReplicaRegions: Match.absent(),
        }),
      });
    }
  });

  it('points the domain at CloudFront (A and AAAA) and the origin name at the Elastic IP with a short TTL', () => {
    for (const type of ['A', 'AAAA']) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'store.example.com.', Type: type, HostedZoneId: lookedUpZoneId,
        AliasTarget: Match.objectLike({ DNSName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdnDistribution'), 'DomainName'] } }),
      });
    }
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'origin.store.example.com.', Type: 'A', TTL: '60', ResourceRecords: [{ Ref: Match.stringLikeRegexp('^ServerElasticIp') }],
    });
    template.resourceCountIs('AWS::Route53::RecordSet', 3);
  });

  it('admits only CloudFront\'s origin-facing addresses to the server, on 443', () => {
    expect(ingressRules(template, 'ServerSecurityGroup')).toEqual([{ port: 443, source: 'pl-3b927c52' }]);
    // The group's description is the same without a domain: a changed one would replace the group, and with it the
    // instance whose network interface names it.
    const description = (of: typeof template) => Object.entries(of.findResources('AWS::EC2::SecurityGroup'))
      .filter(([id]) => id.startsWith('ServerSecurityGroup')).map(([, group]) => group.Properties.GroupDescription);
    expect(description(template)).toEqual(description(render(planOf('shop-2-separate-db.yaml')).template));
    expect(description(template)).toHaveLength(1);
  });

  it('lets the server read the accepted origin secrets and write only its DNS challenge record in the zone', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes('ServerRole'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
    for (const version of [1, 2]) {
      expect(statements).toContainEqual(expect.objectContaining({
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: expect.stringMatching(new RegExp(`^OriginSecretV${version}`)) },
      }));
    }
    expect(statements).toContainEqual({
      Action: 'route53:ChangeResourceRecordSets',
      Effect: 'Allow',
      Condition: {
        'ForAllValues:StringEquals': {
          'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['_acme-challenge.origin.store.example.com'],
          'route53:ChangeResourceRecordSetsRecordTypes': ['TXT'],
        },
      },
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':route53:::hostedzone/', expect.objectContaining({ 'Fn::Select': expect.anything() })]] },
    });
    expect(statements).toContainEqual({ Action: ['route53:ListHostedZones', 'route53:GetChange'], Effect: 'Allow', Resource: '*' });
  });

  it('gives the domain as the stack\'s URL', () => {
    template.hasOutput('Url', { Value: 'https://store.example.com' });
  });

  it('accepts the previous secret and the next one while CloudFront sends the new one (originSecretVersion 2)', () => {
    const rotated = render(planOf('store-2-domain.yaml', { ...LOOKED_UP, 'database:': 'cdn: { originSecretVersion: 2 }\ndatabase:' })).template;
    rotated.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'tierup/store/production/origin-secret-v2' });
    rotated.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'tierup/store/production/origin-secret-v3' });
    rotated.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'tierup/store/production/origin-secret-v1' });
    rotated.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ Origins: Match.arrayWith([Match.objectLike({ OriginCustomHeaders: [{ HeaderName: 'X-Origin-Verify', HeaderValue: secretValue('OriginSecretV2') }] })]) }),
    });
  });

  it('without a CDN, serves the domain from the server: 80 and 443 from anywhere, a plain A record, no secret', () => {
    const direct = render(planOf('store-2-domain.yaml', { ...LOOKED_UP, 'database:': 'cdn: { enabled: false }\ndatabase:' })).template;
    direct.resourceCountIs('AWS::CloudFront::Distribution', 0);
    direct.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    expect(Object.values(direct.findResources('AWS::SecretsManager::Secret')).map((secret) => secret.Properties.Name)).not.toContain('tierup/store/production/origin-secret-v1');
    expect(ingressRules(direct, 'ServerSecurityGroup')).toEqual([{ port: 80, source: '0.0.0.0/0' }, { port: 443, source: '0.0.0.0/0' }]);
    direct.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'store.example.com.', Type: 'A', TTL: '60', ResourceRecords: [{ Ref: Match.stringLikeRegexp('^ServerElasticIp') }] });
    direct.resourceCountIs('AWS::Route53::RecordSet', 1);
  });
});

describe('store-4-domain (level 4 in eu-west-1: the certificate stack, HTTPS to the load balancer)', () => {
  const plan = planOf('store-4-domain.yaml');
  const { stack, template } = render(plan);
  const certificateStack = stack.certificateStack!;

  it('puts CloudFront\'s certificate in a us-east-1 stack the primary stack depends on', () => {
    expect(certificateStack.stackName).toBe('store-production-eu-west-1-certificate');
    expect(certificateStack.region).toBe('us-east-1');
    expect(stack.dependencies).toContain(certificateStack);
    const certificates = Template.fromStack(certificateStack);
    certificates.resourceCountIs('AWS::CertificateManager::Certificate', 1);
    certificates.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'store.example.com', ValidationMethod: 'DNS', DomainValidationOptions: [{ DomainName: 'store.example.com', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }],
    });
    // The zone id is given: nothing is looked up.
    certificates.resourceCountIs('Custom::AWS', 0);
  });

  it('reads that certificate across regions for the distribution, with its alias and TLS 1.2 at least', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['store.example.com'],
        ViewerCertificate: Match.objectLike({ AcmCertificateArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExportsReader'), Match.stringLikeRegexp('ViewerCertificate')] }, MinimumProtocolVersion: 'TLSv1.2_2021' }),
        Origins: Match.arrayWith([Match.objectLike({
          DomainName: 'origin.store.example.com',
          CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }),
          OriginCustomHeaders: [{ HeaderName: 'X-Origin-Verify', HeaderValue: secretValue('OriginSecretV1') }],
        })]),
      }),
    });
  });

  it('serves HTTPS on 443 with the regional certificate for the origin name and a TLS 1.2+ policy, refusing requests without the header', () => {
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'origin.store.example.com', DomainValidationOptions: [{ DomainName: 'origin.store.example.com', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }],
    });
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      Certificates: [{ CertificateArn: { Ref: Match.stringLikeRegexp('^LoadBalancerOriginCertificate') } }],
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '403', ContentType: 'text/plain', MessageBody: 'Forbidden' } }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 50_000,
      Conditions: [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Origin-Verify', Values: [secretValue('OriginSecretV1'), secretValue('OriginSecretV2')] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('^LoadBalancerDefaultTargetGroup') } }],
    });
  });

  it('admits only CloudFront to the load balancer, on 443', () => {
    expect(ingressRules(template, 'LoadBalancerSecurityGroup')).toEqual([{ port: 443, source: 'pl-4fa04526' }]);
  });

  it('points the origin name at the load balancer once the fleet is healthy, and the domain at CloudFront', () => {
    const origin = Object.values(template.findResources('AWS::Route53::RecordSet', { Properties: { Name: 'origin.store.example.com.' } }));
    expect(origin).toHaveLength(1);
    expect(origin[0].Properties).toMatchObject({
      Type: 'A', HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      AliasTarget: { HostedZoneId: { 'Fn::GetAtt': [expect.stringMatching(/^LoadBalancer/), 'CanonicalHostedZoneID'] } },
    });
    expect(origin[0].DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^FleetAutoScalingGroup/)]));
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'store.example.com.', Type: 'AAAA', AliasTarget: Match.objectLike({ DNSName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdnDistribution'), 'DomainName'] } }) });
  });

  it('keeps every accepted value in the header rule after a rotation, the one CloudFront sends first, then the next, then the previous', () => {
    const rotated = render(planOf('store-4-domain.yaml', { 'staticAssets: true }': 'staticAssets: true, originSecretVersion: 2 }' })).template;
    rotated.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 50_000,
      Conditions: [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Origin-Verify', Values: [secretValue('OriginSecretV2'), secretValue('OriginSecretV3'), secretValue('OriginSecretV1')] } }],
    });
  });

  it('without a CDN, serves HTTPS itself and redirects HTTP, open to anyone, with the domain aliased to it', () => {
    const direct = render(planOf('store-4-domain.yaml', { 'cdn: { priceClass: 100, staticAssets: true }': 'cdn: { enabled: false }' }));
    expect(direct.stack.certificateStack).toBeNull();
    direct.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443, Protocol: 'HTTPS', DefaultActions: [Match.objectLike({ Type: 'forward' })],
    });
    direct.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: Match.objectLike({ Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' }) }],
    });
    direct.template.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'store.example.com' });
    direct.template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 0);
    expect(ingressRules(direct.template, 'LoadBalancerSecurityGroup')).toEqual([{ port: 80, source: '0.0.0.0/0' }, { port: 443, source: '0.0.0.0/0' }]);
    direct.template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'store.example.com.', Type: 'A', AliasTarget: Match.objectLike({ DNSName: Match.anyValue() }) });
    direct.template.resourceCountIs('AWS::Route53::RecordSet', 1);
  });
});

describe('a blueprint without a domain (shop-4): CloudFront\'s own name, HTTP to the load balancer, the origin proof still on', () => {
  const { template } = render(planOf('shop-4-fleet.yaml'));

  it('has no certificate, alias or record, and reaches the load balancer over HTTP with the secret header', () => {
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: Match.absent(),
        Origins: Match.arrayWith([Match.objectLike({
          CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'http-only' }),
          OriginCustomHeaders: [{ HeaderName: 'X-Origin-Verify', HeaderValue: secretValue('OriginSecretV1') }],
        })]),
      }),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, Protocol: 'HTTP', DefaultActions: [Match.objectLike({ Type: 'fixed-response' })] });
    expect(ingressRules(template, 'LoadBalancerSecurityGroup')).toEqual([{ port: 80, source: 'pl-3b927c52' }]);
  });
});

describe('shop-7 (level 7: each region\'s certificate, the replicated secret read by name, HTTPS health checks)', () => {
  // Without multiRegion.hostedZoneId: each region's stack looks the zone up.
  const plan = planOf('shop-7-multi-region.yaml', { '  hostedZoneId: Z0123456789ABCDEFGHIJ\n': '' });
  const primary = Template.fromStack(new BlueprintStack(new App(CFN_APP_PROPS), { plan }));
  const regionalStack = new RegionalStack(new App(CFN_APP_PROPS), { plan, region: plan.regions[1] });
  const regional = Template.fromStack(regionalStack);
  const byName = (version: number) => `{{resolve:secretsmanager:tierup/shop/production/origin-secret-v${version}:SecretString:::}}`;

  it('replicates each accepted origin secret into the further region', () => {
    for (const version of [1, 2]) {
      primary.hasResourceProperties('AWS::SecretsManager::Secret', { Name: `tierup/shop/production/origin-secret-v${version}`, ReplicaRegions: [{ Region: 'eu-west-1' }] });
    }
  });

  it('holds CloudFront\'s certificate and the primary load balancer\'s in the primary stack (us-east-1)', () => {
    primary.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'shop.example.com', DomainValidationOptions: [{ DomainName: 'shop.example.com', HostedZoneId: lookedUpZoneId }] });
    primary.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'origin.shop.example.com' });
    primary.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ Aliases: ['shop.example.com'], Origins: Match.arrayWith([Match.objectLike({ DomainName: 'origin.shop.example.com', CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }) })]) }),
    });
  });

  it('lets the health path through without the header (priority 10), and requires it elsewhere', () => {
    for (const template of [primary, regional]) {
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
        Priority: 10, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/health'] } }], Actions: [Match.objectLike({ Type: 'forward' })],
      });
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'HTTPS', DefaultActions: [Match.objectLike({ Type: 'fixed-response' })] });
      template.hasResourceProperties('AWS::Route53::HealthCheck', { HealthCheckConfig: Match.objectLike({ Type: 'HTTPS', Port: 443, ResourcePath: '/health' }) });
    }
  });

  it('reads the header values in the further region from the replica, by name, and creates no secret of its own there', () => {
    regional.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 50_000, Conditions: [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Origin-Verify', Values: [byName(1), byName(2)] } }],
    });
    for (const service of regionalStack.services) {
      Template.fromStack(service).hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
        Conditions: [Match.objectLike({ Field: 'path-pattern' }), { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Origin-Verify', Values: [byName(1), byName(2)] } }],
      });
    }
    const regionalSecrets = Object.values(regional.findResources('AWS::SecretsManager::Secret')).map((secret) => secret.Properties.Name);
    expect(regionalSecrets).not.toContain('tierup/shop/production/origin-secret-v1');
    expect(regionalSecrets).not.toContain('tierup/shop/production/origin-secret-v2');
  });

  it('gives the further region its own certificate for the origin name, validated in the zone it looks up there', () => {
    regional.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'origin.shop.example.com', DomainValidationOptions: [{ DomainName: 'origin.shop.example.com', HostedZoneId: lookedUpZoneId }],
    });
    regional.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Certificates: [{ CertificateArn: { Ref: Match.stringLikeRegexp('^LoadBalancerOriginCertificate') } }] });
  });

  it('aliases the domain to CloudFront, and the origin name to the health-checked records of a name of their own', () => {
    primary.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'shop.example.com.', Type: 'AAAA' });
    // The same simple record as at levels 4-6 (Route 53 refuses failover records beside it), now an alias in the zone.
    const origin = primary.findResources('AWS::Route53::RecordSet', { Properties: { Name: 'origin.shop.example.com.' } });
    expect(Object.values(origin).map((record) => [record.Properties.Failover, record.Properties.AliasTarget.DNSName, record.Properties.AliasTarget.EvaluateTargetHealth])).toEqual([
      [undefined, 'routed.origin.shop.example.com.', true],
    ]);
    expect(Object.keys(origin)[0]).toMatch(/^DomainOriginRecordA/);
    const routed = Object.entries(primary.findResources('AWS::Route53::RecordSet', { Properties: { Name: 'routed.origin.shop.example.com.' } }));
    expect(routed.map(([, record]) => record.Properties.Failover)).toEqual(['PRIMARY']);
    expect(Object.values(origin)[0].DependsOn).toContain(routed[0][0]);
  });
});
