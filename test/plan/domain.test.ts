import { acceptedOriginSecrets, createPlan, servingListener, type ArchitecturePlan } from '../../lib/plan';
import { readFileSync } from 'node:fs';
import { parseBlueprint } from '../../lib/spec';

const loadBlueprintText = (file: string): string => readFileSync(file, 'utf8');

// The domain section and the origin proof, as the plan decides them: every renderer reads these fields.

const planOf = (yaml: string): ArchitecturePlan => createPlan(parseBlueprint(yaml, 'test.yaml').spec);
const withDomainNamed = (name: string) => planOf(`name: shop\nlevel: 2\ndomain: { name: ${name}, hostedZone: example.com }\n`);
const withDomain = (level: number, extra = '') => planOf(`name: shop\nlevel: ${level}\ndomain: { name: shop.example.com, hostedZone: example.com }\n${extra}`);

describe('a domain at levels 1-3', () => {
  it.each([1, 2, 3])('puts CloudFront in front of the server at level %i, reaching it over HTTPS at origin.<name>', (level) => {
    const plan = withDomain(level);
    expect(plan.cdn).toMatchObject({ id: 'Cdn', originProtocol: 'https', aliases: ['shop.example.com'] });
    expect(plan.domain).toMatchObject({
      originName: 'origin.shop.example.com',
      viewerCertificate: { domainName: 'shop.example.com' },
      certificateStack: null,
      viewerRecord: { id: 'DomainRecord', name: 'shop.example.com', target: 'cdn' },
      originRecord: { id: 'OriginRecord', name: 'origin.shop.example.com', target: 'server', ttlSeconds: 60 },
    });
    expect(plan.server).toMatchObject({
      viewers: 'cloudfront', publicPorts: [443],
      tls: { domainName: 'origin.shop.example.com', challengeRecordName: '_acme-challenge.origin.shop.example.com', redirectHttp: false },
      originProof: { headerName: 'X-Origin-Verify', current: { version: 1 }, previous: null },
    });
  });

  it('admits only CloudFront, on 443, and lets the server answer its own DNS challenge and read the origin secret', () => {
    const plan = withDomain(2);
    const toServer = plan.wiring.edges.filter((edge) => edge.to.kind === 'server');
    expect(toServer.map((edge) => [edge.from.kind, edge.port])).toEqual([['cloudfront', 443]]);
    const server = plan.wiring.tiers.find((tier) => tier.ref.kind === 'server')!;
    expect(server.permissions.filter((permission) => permission.resource.kind === 'origin-secret').map((permission) => permission.resource.key)).toEqual(['origin_secret_v1', 'origin_secret_v2']);
    const challenge = server.permissions.find((permission) => permission.access === 'answer-dns-challenge')!;
    expect(challenge.actions).toEqual(['route53:ChangeResourceRecordSets']);
    expect(challenge.conditions).toContainEqual({ operator: 'ForAllValues:StringEquals', key: 'route53:ChangeResourceRecordSetsNormalizedRecordNames', values: ['_acme-challenge.origin.shop.example.com'] });
    expect(server.settings.map((setting) => setting.name)).toEqual(expect.arrayContaining([
      '/tierup/shop/production/origin/header-name', '/tierup/shop/production/origin/secret-names',
    ]));
  });

  it('serves the domain from the server itself when the CDN is off, redirecting HTTP', () => {
    const plan = withDomain(3, 'cdn: { enabled: false }');
    expect(plan.cdn).toBeNull();
    expect(plan.domain).toMatchObject({ originName: 'shop.example.com', viewerCertificate: null, viewerRecord: { target: 'server' }, originRecord: null });
    expect(plan.server).toMatchObject({ viewers: 'internet', publicPorts: [80, 443], tls: { domainName: 'shop.example.com', redirectHttp: true }, originProof: null });
  });

  it.each([1, 2, 3])('leaves level %i without a domain plain: no CDN, HTTP on 80 from anywhere, and 443 closed, since nothing serves it', (level) => {
    const plan = planOf(`name: shop\nlevel: ${level}\n`);
    expect(plan.cdn).toBeNull();
    expect(plan.domain).toBeNull();
    expect(plan.server).toMatchObject({ viewers: 'internet', publicPorts: [80], tls: null, originProof: null });
    expect(plan.wiring.edges.filter((edge) => edge.from.kind === 'internet').map((edge) => edge.port)).toEqual([80]);
  });
});

describe('a domain at level 4 and up', () => {
  it('keeps the CDN and the origin record ids of level 3, pointing the record at the load balancer', () => {
    const three = withDomain(3);
    const four = withDomain(4);
    expect(four.cdn!.id).toBe(three.cdn!.id);
    expect(four.cdn!.staticAssets).toEqual(three.cdn!.staticAssets);
    expect(four.domain!.originRecord).toEqual({ ...three.domain!.originRecord, target: 'load-balancer' });
  });

  it('serves HTTPS with ACM\'s certificate for the origin name, and admits CloudFront on 443 only', () => {
    const plan = withDomain(4);
    expect(plan.loadBalancer!.listeners).toEqual([
      { id: 'Https', tfName: 'https', port: 443, protocol: 'HTTPS', action: 'serve', certificate: { id: 'OriginCertificate', tfName: 'origin_certificate', domainName: 'origin.shop.example.com' } },
    ]);
    const toBalancer = plan.wiring.edges.filter((edge) => edge.to.kind === 'load-balancer');
    expect(toBalancer.map((edge) => [edge.from.kind, edge.port])).toEqual([['cloudfront', 443]]);
  });

  it('redirects HTTP and serves the viewer name itself without a CDN', () => {
    const plan = withDomain(4, 'cdn: { enabled: false }');
    expect(plan.loadBalancer!.listeners.map((listener) => [listener.id, listener.port, listener.action, listener.certificate?.domainName ?? null])).toEqual([
      ['Https', 443, 'serve', 'shop.example.com'], ['Http', 80, 'redirect-to-https', null],
    ]);
    expect(plan.loadBalancer!.originProof).toBeNull();
    expect(plan.domain!.viewerRecord).toMatchObject({ target: 'load-balancer' });
  });

  it('puts the CloudFront certificate in a us-east-1 stack of its own when the primary region is another', () => {
    const plan = planOf('name: shop\nlevel: 4\nregions: [eu-west-1]\ndomain: { name: shop.example.com, hostedZone: example.com }\n');
    expect(plan.domain!.certificateStack).toEqual({ stackName: 'shop-production-eu-west-1-certificate', region: 'us-east-1' });
  });
});

describe('the origin proof', () => {
  it('is on every CDN, with or without a domain: the load balancer refuses requests without the header', () => {
    const plan = planOf('name: shop\nlevel: 4\n');
    expect(plan.cdn!.originProtocol).toBe('http');
    expect(plan.cdn!.aliases).toEqual([]);
    expect(plan.loadBalancer!.originProof).toBe(plan.cdn!.originProof);
    expect(servingListener(plan.loadBalancer!)).toMatchObject({ id: 'Http', port: 80, protocol: 'HTTP' });
    expect(plan.cdn!.originProof.current).toEqual({
      version: 1, id: 'OriginSecretV1', tfName: 'origin_secret_v1', name: 'tierup/shop/production/origin-secret-v1', replicaRegions: [],
    });
  });

  it('can be sent before it is required, for the deploy that brings it to a stack deployed without it', () => {
    const plan = planOf('name: shop\nlevel: 6\ncdn: { requireOriginSecret: false }\nservices: [{ name: api, pathPattern: "/api/*" }]\n');
    expect(plan.cdn!.originProof.current.version).toBe(1);
    expect(plan.loadBalancer!.originProof).toBeNull();
    const server = withDomain(2, 'cdn: { requireOriginSecret: false }');
    expect(server.server!.originProof).toBeNull();
    expect(server.wiring.tiers[0].permissions.some((permission) => permission.resource.kind === 'origin-secret')).toBe(false);
  });

  it('accepts the previous version while the current one rolls out, and the next one a rotation early', () => {
    const plan = planOf('name: shop\nlevel: 4\ncdn: { originSecretVersion: 3 }\n');
    expect(acceptedOriginSecrets(plan.cdn!.originProof).map((secret) => secret.name)).toEqual([
      'tierup/shop/production/origin-secret-v3', 'tierup/shop/production/origin-secret-v4', 'tierup/shop/production/origin-secret-v2',
    ]);
  });

  it('puts the app\'s rule after every service\'s, and lets level 7\'s health checks through on the health path', () => {
    const plan = planOf(loadBlueprintText('blueprints/shop-7-multi-region.yaml'));
    const balancer = plan.loadBalancer!;
    expect(Math.max(...plan.services.map((service) => service.listenerPriority))).toBeLessThan(balancer.appRulePriority);
    expect(balancer.healthCheckRule).toEqual({ path: plan.multiRegion!.healthCheckPath, priority: 10 });
    expect(plan.cdn!.originProof.current.replicaRegions).toEqual(plan.regions.slice(1).map((region) => region.region));
  });
});

describe('level 7', () => {
  it('takes the domain from multiRegion when the blueprint names none, and reaches every region over HTTPS', () => {
    const plan = planOf(loadBlueprintText('blueprints/shop-7-multi-region.yaml'));
    expect(plan.domain).toMatchObject({ name: plan.multiRegion!.domainName, originName: plan.multiRegion!.originDomainName, originRecord: { id: 'OriginRecord', name: plan.multiRegion!.originDomainName, target: 'routed' }, viewerRecord: { target: 'cdn' } });
    expect(plan.multiRegion!.routedName).toBe(`routed.${plan.multiRegion!.originDomainName}`);
    expect(servingListener(plan.loadBalancer!)).toMatchObject({ port: 443, certificate: { domainName: plan.multiRegion!.originDomainName } });
    const checks = plan.wiring.edges.filter((edge) => edge.from.kind === 'health-checkers');
    expect(new Set(checks.map((edge) => edge.port))).toEqual(new Set([443]));
  });

  it('refuses a domain that differs from multiRegion\'s', () => {
    const text = loadBlueprintText('blueprints/shop-7-multi-region.yaml') + 'domain: { name: other.example.com, hostedZone: example.com }\n';
    expect(() => planOf(text)).toThrow(/multiRegion names .* but domain names other\.example\.com/);
  });
});

describe('domain input', () => {
  it('refuses a name outside its zone, with the field and a fix', () => {
    expect(() => planOf('name: shop\nlevel: 2\ndomain: { name: shop.example.org, hostedZone: example.com }\n')).toThrow(/domain\.name[\s\S]*not inside the hosted zone example\.com/);
  });

  it('refuses a name whose certificate ACM would refuse (over 64 characters, origin.<name> behind CloudFront)', () => {
    const name = (length: number) => `${'a'.repeat(length - '.example.com'.length)}.example.com`;
    expect(() => planOf(`name: shop\nlevel: 2\ndomain: { name: ${name(58)}, hostedZone: example.com }\n`)).toThrow(/origin\.a+\.example\.com is 65 characters; ACM certificates take a name of at most 64[\s\S]*at most 57 characters/);
    expect(withDomainNamed(name(57)).domain!.originName).toHaveLength(64);
    // Without a CDN the certificate is for the name itself.
    expect(planOf(`name: shop\nlevel: 2\ncdn: { enabled: false }\ndomain: { name: ${name(64)}, hostedZone: example.com }\n`).domain!.originName).toHaveLength(64);
  });

  it('allows cdn settings below level 4 only with a domain', () => {
    expect(() => planOf('name: shop\nlevel: 2\ncdn: { priceClass: 200 }\n')).toThrow(/cdn \(without a domain\) needs level 4/);
    expect(withDomain(2, 'cdn: { priceClass: 200 }').cdn!.priceClass).toBe('PriceClass_200');
  });
});
