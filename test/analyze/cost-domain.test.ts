import { readFileSync } from 'node:fs';
import { costLines } from '../../lib/analyze/cost-lines';
import { type CostItem, summarizeCost } from '../../lib/analyze/cost-model';
import { DEFAULT_USAGE } from '../../lib/analyze/data/usage-defaults';
import { createPlan } from '../../lib/plan';
import { parseBlueprint } from '../../lib/spec';

// What a domain, the origin proof and the database's plumbing add to `tierup cost`, computed by hand.

const planOf = (file: string, edits: Readonly<Record<string, string>> = {}) => {
  const text = Object.entries(edits).reduce((yaml, [from, to]) => yaml.replace(from, to), readFileSync(file, 'utf8'));
  return createPlan(parseBlueprint(text, file).spec);
};
const itemsOf = (file: string, edits: Readonly<Record<string, string>> = {}) => summarizeCost(costLines(planOf(file, edits), DEFAULT_USAGE)).items;
const find = (items: readonly CostItem[], part: string) => {
  const found = items.filter((item) => item.resource.includes(part));
  expect(found).toHaveLength(1);
  return found[0];
};
const STORE_2 = 'blueprints/store-2-domain.yaml';
const STORE_4 = 'blueprints/store-4-domain.yaml';

describe('tierup cost: the Secrets Manager endpoint and the rotation function', () => {
  it('prices the endpoint per zone-hour in each isolated subnet\'s zone, and per GB processed', () => {
    const items = itemsOf(STORE_2);
    // 2 zones × 730 h × $0.01 = $14.60; 1 GB × $0.01.
    expect(find(items, 'SecretsManagerEndpoint (interface, 2 zones)')).toMatchObject({ component: 'vpc-endpoint', quantity: 1460, unitPrice: 0.01, monthly: 14.6 });
    expect(find(items, 'SecretsManagerEndpoint data processed')).toMatchObject({ quantity: 1, unitPrice: 0.01, monthly: 0.01 });
    // eu-west-1: 2 × 730 × $0.011 = $16.06.
    expect(find(itemsOf(STORE_4), 'eu-west-1 SecretsManagerEndpoint (interface')).toMatchObject({ unitPrice: 0.011, monthly: 16.06 });
  });

  it('prices the endpoint in every region at level 7, and not at all without a database', () => {
    const level7 = itemsOf('blueprints/shop-7-multi-region.yaml').filter((item) => item.resource.includes('SecretsManagerEndpoint (interface'));
    expect(level7.map((item) => [item.resource.split(' ')[0], item.monthly])).toEqual([['us-east-1', 14.6], ['eu-west-1', 16.06]]);
    expect(itemsOf('blueprints/shop-1-single-server.yaml').some((item) => item.component === 'vpc-endpoint')).toBe(false);
  });

  it('lists the rotation function with its figure: four calls per rotation, a fraction of a cent', () => {
    const line = find(itemsOf(STORE_2), 'PostgresRotator');
    // 730 / 24 / 30 rotations × 4 calls = 4.06; each $0.20/million + 30 s × 0.125 GB × $0.0000166667 = $0.0000627001.
    expect(line).toMatchObject({ component: 'lambda', quantity: 4.06, unit: 'invocations', unitPrice: 0.0000627001, monthly: 0 });
    expect(line.resource).toContain('effectively free');
    // shop-7 rotates five passwords (primary, three shards, the orders service) with one function.
    expect(find(itemsOf('blueprints/shop-7-multi-region.yaml'), 'PostgresRotator')).toMatchObject({ quantity: 20.28 });
  });
});

describe('tierup cost: the domain and the origin proof', () => {
  it('prices each accepted origin secret at $0.40 a month: current and next, and previous once rotated', () => {
    expect(find(itemsOf(STORE_2), 'origin secrets')).toMatchObject({ resource: 'origin secrets v1 + v2 (current + next)', quantity: 2, unitPrice: 0.4, monthly: 0.8 });
    const rotated = find(itemsOf(STORE_2, { 'hostedZoneId: Z0123456789ABCDEFGHIJ }': 'hostedZoneId: Z0123456789ABCDEFGHIJ }\ncdn: { originSecretVersion: 3 }' }), 'origin secrets');
    expect(rotated).toMatchObject({ resource: 'origin secrets v2 + v3 + v4 (previous + current + next)', quantity: 3, monthly: 1.2 });
    // Level 7: each version also has a replica in eu-west-1, billed as a secret of its own.
    expect(find(itemsOf('blueprints/shop-7-multi-region.yaml'), 'origin secrets')).toMatchObject({ quantity: 4, monthly: 1.6 });
    // Every CDN has the origin proof, with or without a domain.
    expect(find(itemsOf('blueprints/shop-4-fleet.yaml'), 'origin secrets')).toMatchObject({ monthly: 0.8 });
    expect(itemsOf('blueprints/shop-3-cache.yaml').some((item) => item.resource.includes('origin secrets'))).toBe(false);
  });

  it('lists the ACM certificates at no charge: CloudFront\'s in us-east-1, the load balancer\'s in its region', () => {
    const certificates = itemsOf(STORE_4).filter((item) => item.component === 'acm');
    expect(certificates.map((item) => [item.resource, item.monthly])).toEqual([
      ['ViewerCertificate store.example.com (public, us-east-1, for CloudFront)', 0],
      ['eu-west-1 OriginCertificate origin.store.example.com (public, for the load balancer)', 0],
    ]);
    // Level 2: the server gets its own certificate, so ACM holds only CloudFront's.
    expect(itemsOf(STORE_2).filter((item) => item.component === 'acm')).toHaveLength(1);
  });

  it('prices Route 53: the zone is yours, alias queries are free, the level 1-3 origin record is queried by CloudFront only', () => {
    const items = itemsOf(STORE_2);
    expect(find(items, 'hosted zone example.com')).toMatchObject({ unitPrice: 0, monthly: 0 });
    expect(find(items, 'DomainRecord store.example.com → CloudFront')).toMatchObject({ unitPrice: 0, monthly: 0 });
    // 13 regional edge caches × 730 h × 60 queries an hour (TTL 60 s) = 569,400 → 0.57 million × $0.40 = $0.23.
    expect(find(items, 'OriginRecord origin.store.example.com → the server\'s Elastic IP')).toMatchObject({ quantity: 0.57, unitPrice: 0.4, monthly: 0.23 });
    // Level 4: the origin record is an alias of the load balancer, free.
    expect(find(itemsOf(STORE_4), 'OriginRecord origin.store.example.com → the load balancer')).toMatchObject({ unitPrice: 0, monthly: 0 });
  });

  it('prices a plain viewer record when viewers reach the server directly (no CDN): standard queries', () => {
    const items = itemsOf(STORE_2, { 'hostedZoneId: Z0123456789ABCDEFGHIJ }': 'hostedZoneId: Z0123456789ABCDEFGHIJ }\ncdn: { enabled: false }' });
    // 10,000,000 requests × 0.1 queries per request = 1 million × $0.40.
    expect(find(items, 'DomainRecord store.example.com → the server\'s Elastic IP')).toMatchObject({ quantity: 1, unitPrice: 0.4, monthly: 0.4 });
    expect(items.some((item) => item.component === 'cloudfront' || item.resource.startsWith('OriginRecord'))).toBe(false);
    expect(find(items, 'data transfer out to the internet')).toMatchObject({ monthly: 9 });
  });

  it('prices CloudFront instead of internet egress at level 2 with a domain, as the plan puts it in front', () => {
    const items = itemsOf(STORE_2);
    expect(find(items, 'Cdn PriceClass_100 data transfer out')).toMatchObject({ quantity: 100, monthly: 8.5 });
    expect(find(items, 'Cdn HTTPS requests')).toMatchObject({ quantity: 1000, monthly: 10 });
    expect(find(items, 'StaticAssets bucket')).toMatchObject({ monthly: 0.12 });
    expect(items.some((item) => item.resource.includes('data transfer out to the internet'))).toBe(false);
  });

  it('adds up store-2-domain line by line', () => {
    const { monthly, items } = summarizeCost(costLines(planOf(STORE_2), DEFAULT_USAGE));
    // Server 15.18 + root 1.60 + EIP 3.65 + endpoint 14.60 + 0.01 + RDS 94.90 + storage 11.50 + rotation 0
    // + CloudFront 8.50 + 10.00 + S3 0.12 + database secret 0.40 + SSM 0 + origin secrets 2 × 0.40 + ACM 0 + zone 0 + alias 0 + origin record 0.23
    // + watching: 12 alarms reading 13 metrics 1.30 + climb 0.50 + key 1.00 + 4 custom metrics 1.20 + logs 0.25 + 0.05.
    expect(monthly.expected).toBe(165.79);
    expect(items.filter((item) => item.unitPrice === null)).toEqual([]);
  });
});
