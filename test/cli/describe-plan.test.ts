import { readFileSync } from 'node:fs';
import { describePlan } from '../../lib/cli/describe-plan';
import { createPlan } from '../../lib/plan';
import { loadBlueprint, parseBlueprint } from '../../lib/spec';

// `tierup explain` prints the domain, its certificates and where they live, the origin proof and the listeners.

const planOf = (file: string) => createPlan(loadBlueprint(file).spec);
const linesOf = (file: string) => describePlan(planOf(file)).split('\n');
const line = (lines: readonly string[], prefix: string) => {
  const found = lines.filter((candidate) => candidate.startsWith(prefix));
  expect(found).toHaveLength(1);
  return found[0];
};

describe('explain: domain, origin proof and listeners', () => {
  it('level 2 on a domain: CloudFront in front, the server on 443 with its own certificate, the origin record a plain A', () => {
    const lines = linesOf('blueprints/store-2-domain.yaml');
    expect(line(lines, 'server: ')).toContain('; viewers: CloudFront only on :443, HTTPS for origin.store.example.com, refuses requests without X-Origin-Verify');
    expect(line(lines, 'cdn origin: ')).toBe('cdn origin: HTTPS to origin.store.example.com, aliases store.example.com');
    expect(line(lines, 'origin proof: ')).toBe('origin proof: header X-Origin-Verify = secret tierup/store/production/origin-secret-v1 (v1, sent); accepted: v1, v2; checked by the server (nginx)');
    expect(line(lines, 'domain: ')).toBe('domain: store.example.com in hosted zone example.com (id Z0123456789ABCDEFGHIJ), origin name origin.store.example.com');
    expect(line(lines, 'certificates: ')).toBe('certificates: ViewerCertificate store.example.com in us-east-1 (the primary stack), for CloudFront; ' +
      'the server\'s own for origin.store.example.com, from Let\'s Encrypt (DNS-01: TXT _acme-challenge.origin.store.example.com in example.com)');
    expect(line(lines, 'records: ')).toBe('records: store.example.com → CloudFront (alias A and AAAA), origin.store.example.com → the server\'s Elastic IP (A, TTL 60 s)');
    expect(lines.some((candidate) => candidate.startsWith('listeners: '))).toBe(false);
  });

  it('level 4 in eu-west-1: CloudFront\'s certificate in its own us-east-1 stack, the load balancer\'s in eu-west-1, HTTPS only', () => {
    const lines = linesOf('blueprints/store-4-domain.yaml');
    expect(line(lines, 'listeners: ')).toBe('listeners: HTTPS :443 serves with ACM certificate OriginCertificate for origin.store.example.com (in eu-west-1); ' +
      'without the origin secret the default action answers 403, the app\'s rule at priority 50000');
    expect(line(lines, 'certificates: ')).toBe('certificates: ViewerCertificate store.example.com in us-east-1 (CloudFormation stack store-production-eu-west-1-certificate), for CloudFront; ' +
      'OriginCertificate origin.store.example.com in eu-west-1, for the load balancer');
    expect(line(lines, 'domain: ')).toContain('(id Z0123456789ABCDEFGHIJ)');
    expect(line(lines, 'records: ')).toBe('records: store.example.com → CloudFront (alias A and AAAA), origin.store.example.com → the load balancer (alias)');
  });

  it('without a domain: HTTP on 80 behind CloudFront\'s own name, the origin proof all the same', () => {
    const lines = linesOf('blueprints/shop-4-fleet.yaml');
    expect(line(lines, 'listeners: ')).toBe('listeners: HTTP :80 serves; without the origin secret the default action answers 403, the app\'s rule at priority 50000');
    expect(line(lines, 'cdn origin: ')).toBe('cdn origin: HTTP to the load balancer\'s own name, aliases none (CloudFront\'s own name and certificate)');
    expect(lines.some((candidate) => candidate.startsWith('domain: ') || candidate.startsWith('records: '))).toBe(false);
  });

  it('level 7: the health rule, the replicated secret, certificates in every region, routed origin records', () => {
    const lines = linesOf('blueprints/shop-7-multi-region.yaml');
    expect(line(lines, 'listeners: ')).toContain('(in each region: us-east-1, eu-west-1); without the origin secret the default action answers 403, the app\'s rule at priority 50000, the health path /health without it at priority 10');
    expect(line(lines, 'origin proof: ')).toContain('(v1, sent, replicated to eu-west-1)');
    expect(line(lines, 'records: ')).toBe('records: shop.example.com → CloudFront (alias A and AAAA), origin.shop.example.com → the regions\' health-checked records (alias, same zone), routed.origin.shop.example.com → the regions\' load balancers (health-checked, active-passive)');
  });

  it('lists both accepted versions after a rotation, and an HTTP redirect without a CDN', () => {
    const text = readFileSync('blueprints/store-4-domain.yaml', 'utf8');
    const rotated = describePlan(createPlan(parseBlueprint(text.replace('staticAssets: true }', 'staticAssets: true, originSecretVersion: 2 }'), 'x.yaml').spec));
    expect(rotated).toContain('secret tierup/store/production/origin-secret-v2 (v2, sent); accepted: v2, v3, v1;');
    const direct = describePlan(createPlan(parseBlueprint(text.replace('cdn: { priceClass: 100, staticAssets: true }', 'cdn: { enabled: false }'), 'x.yaml').spec));
    expect(direct).toContain('listeners: HTTPS :443 serves with ACM certificate OriginCertificate for store.example.com (in eu-west-1), HTTP :80 redirects to HTTPS\n');
    expect(direct).toContain('records: store.example.com → the load balancer (alias)\n');
  });

  it('keeps --json the plan itself: the domain and the origin proof survive JSON', () => {
    const plan = planOf('blueprints/store-4-domain.yaml');
    const json = JSON.parse(JSON.stringify(plan));
    expect(json).toEqual(plan);
    expect(json.domain).toMatchObject({ name: 'store.example.com', certificateStack: { region: 'us-east-1' } });
    expect(json.loadBalancer.listeners).toEqual([expect.objectContaining({ id: 'Https', port: 443, certificate: expect.objectContaining({ domainName: 'origin.store.example.com' }) })]);
  });
});

describe('explain: what is watched', () => {
  it('says who is told, the headroom, and per region its alarms, climb signal, topics and dashboard', () => {
    const lines = linesOf('blueprints/shop-4-fleet.yaml');
    expect(line(lines, 'alerts: ')).toBe('alerts: ops@example.com; headroom 30%: capacity alarms fire at 77% of each ceiling');
    expect(line(lines, 'watching us-east-1')).toBe('watching us-east-1: 27 alarms (14 capacity, 13 pages) on app, load-balancer, database, cache, cdn; ' +
      'climb signal shop-prod-climb; topics shop-prod-alerts, shop-prod-capacity; dashboard shop-prod-us-east-1; 3 log groups (90 days)');
  });

  it('names the us-east-1 stack that watches CloudFront for a blueprint elsewhere, and says when nobody is told', () => {
    const lines = describePlan(createPlan(parseBlueprint('name: store\nlevel: 4\nregions: [eu-west-1]\n', 'x.yaml').spec)).split('\n');
    expect(line(lines, 'alerts: ')).toMatch(/^alerts: nobody \(add `alerts: \{ emails: \[\.\.\.\] \}`\)/);
    expect(line(lines, 'watching us-east-1')).toBe('watching us-east-1 (stack store-production-monitoring-us-east-1, CloudFront and Route 53 only): 1 alarm (0 capacity, 1 page) on cdn; ' +
      'topics store-prod-global-alerts; dashboard store-prod-global-services');
  });
});

describe('explain: the team\'s own VPC', () => {
  it('names each region\'s VPC, zones and subnets, and what tierup adds to it', () => {
    const lines = linesOf('test/fixtures/existing-vpc/shop-7-multi-region.yaml');
    expect(line(lines, 'network (us-east-1): ')).toBe('network (us-east-1): your VPC vpc-0a1b2c3d4e5f67890 in us-east-1a, us-east-1b; subnets: '
      + 'public subnet-0a1b2c3d4e5f60001 subnet-0a1b2c3d4e5f60002, private subnet-0a1b2c3d4e5f60011 subnet-0a1b2c3d4e5f60012, '
      + 'isolated subnet-0a1b2c3d4e5f60021 subnet-0a1b2c3d4e5f60022; tierup adds security groups and a Secrets Manager endpoint (private DNS), no VPC, subnet, route, NAT or flow log');
    expect(line(lines, 'network (eu-west-1): ')).toMatch(/^network \(eu-west-1\): your VPC vpc-0f1e2d3c4b5a69870 in eu-west-1a, eu-west-1b;/);
    expect(lines.filter((candidate) => candidate.startsWith('network: '))).toEqual([]);
  });

  it('at level 1 lists only the tiers given, and no endpoint', () => {
    const text = readFileSync('test/fixtures/existing-vpc/shop-1-single-server.yaml', 'utf8').replace(/ {4}(private|isolated):\n(?: {6}.*\n)+/g, '');
    expect(line(describePlan(createPlan(parseBlueprint(text, 'one.yaml').spec)).split('\n'), 'network (us-east-1): '))
      .toBe('network (us-east-1): your VPC vpc-0a1b2c3d4e5f67890 in us-east-1a, us-east-1b; subnets: public subnet-0a1b2c3d4e5f60001 subnet-0a1b2c3d4e5f60002; tierup adds security groups, no VPC, subnet, route, NAT or flow log');
  });
});
