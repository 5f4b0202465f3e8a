import { readFileSync } from 'node:fs';
import { diffCfnTemplates, diffTfConfigs, domainWarnings, losesData, migrationsFor, originProofWarnings } from '../../../lib/analyze/upgrade-diff';
import { diffBlueprints } from '../../../lib/analyze/upgrade-diff/upgrade-diff';
import { createPlan } from '../../../lib/plan';
import { parseBlueprint } from '../../../lib/spec';
import { examplePlan } from '../plan-of';

// The steps around a deploy that climbs behind a domain, adds one, or rotates the origin secret, read from
// plans (the renderers' outputs are checked by the full CLI diff after the merge).

const planOf = (file: string, edits: Readonly<Record<string, string>> = {}) =>
  createPlan(parseBlueprint(Object.entries(edits).reduce((yaml, [from, to]) => yaml.replace(from, to), readFileSync(file, 'utf8')), file).spec);
const STORE = 'blueprints/store-2-domain.yaml';
const store = (level: string, extra = '') => planOf(STORE, { 'level: separate-db': `level: ${level}`, 'hostedZoneId: Z0123456789ABCDEFGHIJ }': `hostedZoneId: Z0123456789ABCDEFGHIJ }${extra}` });
const withDomain = (file: string) => planOf(file, { 'environment: production': 'environment: production\ndomain: { name: shop.example.com, hostedZone: example.com }' });
const withVersion = (version: number) => planOf('blueprints/shop-4-fleet.yaml', { 'cdn: {': `cdn: { originSecretVersion: ${version}, ` });
const titled = (migrations: ReturnType<typeof migrationsFor>, part: string) => migrations.find((migration) => migration.title.includes(part))?.steps ?? [];

describe('3 → 4 on a domain the blueprint already had', () => {
  const steps = titled(migrationsFor(store('cache'), store('fleet')), '(level 3 → 4)');
  const text = steps.join('\n');
  const at = (part: string) => steps.findIndex((step) => step.includes(part));

  it('asks nothing of DNS: viewers stay on CloudFront, the deploy moves the origin record', () => {
    expect(steps[at('Nothing to do in DNS')]).toContain('viewers have reached CloudFront at store.example.com');
    expect(steps[at('Nothing to do in DNS')]).toContain('Only origin.store.example.com, which only CloudFront looks up, moves, and the deploy moves it');
    expect(text).not.toMatch(/lower the TTL|point the DNS name|CdnUrl/);
  });

  it('says the deploy creates the fleet, waits for health, repoints origin.<name> (60 s) and removes the server last', () => {
    const deploy = steps[at('CloudFormation: deploy level 4')];
    expect(deploy).toMatch(/creates the fleet and the load balancer \(HTTPS on 443 with ACM's certificate for origin\.store\.example\.com\)/);
    expect(deploy.indexOf('waits until the fleet\'s instances pass the health check on /health')).toBeLessThan(deploy.indexOf('then points origin.store.example.com at the load balancer'));
    expect(deploy).toContain('whose TTL is 60 s');
    expect(deploy.indexOf('points origin.store.example.com')).toBeLessThan(deploy.indexOf('removes the server and its Elastic IP last'));
    // Terraform destroys what left the configuration alongside the creates: a targeted apply first, then the rest.
    const terraform = steps[at('Terraform: apply in two steps')];
    expect(terraform).toContain('`terraform apply -target=aws_route53_record.origin_record`');
    expect(terraform.indexOf('-target')).toBeLessThan(terraform.indexOf('wait 60 s (the record\'s TTL), then `terraform apply` removes the server'));
  });

  it('says what to watch, names the real outputs, and is plain about the last minute', () => {
    expect(steps[at('Watch during the deploy')]).toMatch(/describe-target-health.*5xxErrorRate.*dig \+short origin\.store\.example\.com/);
    expect(steps[at('Afterwards check')]).toContain('https://store.example.com/ (the stack output Url in CloudFormation, `terraform output url` in Terraform)');
    expect(steps[at('CloudFront follows the record')]).toContain('so the server must outlive that minute. Terraform\'s two steps guarantee it');
    expect(steps[at('CloudFront follows the record')]).toContain('a few requests may fail (CloudFront answers 502) then');
    expect(steps[at('The first deploy waits until ACM has validated')]).toContain('origin.store.example.com');
    expect(at('Static assets stay where they are')).toBeGreaterThan(0);
  });

  it('keeps the old steps for a blueprint without a domain (DNS moves after the deploy, to the Url output)', () => {
    const old = titled(migrationsFor(examplePlan(3), examplePlan(4)), '(level 3 → 4)');
    expect(old.findIndex((step) => step.startsWith('A day before, lower the TTL'))).toBeLessThan(old.findIndex((step) => step.startsWith('Right after the deploy, point the DNS name')));
    expect(old.join('\n')).not.toContain('Nothing to do in DNS');
  });

  it('moves the viewer record itself when there is no CDN (cdn.enabled false)', () => {
    const off = '\ncdn: { enabled: false }';
    const direct = titled(migrationsFor(store('cache', off), store('fleet', off)), '(level 3 → 4)');
    expect(direct[1]).toBe('Nothing to do in DNS: the deploy itself moves store.example.com, the record tierup created, from the server\'s Elastic IP to the load balancer.');
    expect(direct.join('\n')).not.toContain('5xxErrorRate');
  });

  it('tells a climb that adds the domain at the same time to clear the way for tierup\'s record', () => {
    const migrations = migrationsFor(examplePlan(3), withDomain('blueprints/shop-4-fleet.yaml'));
    expect(migrations.map((migration) => migration.title)).toEqual(['Serve the app at https://shop.example.com/', 'Move traffic from the single server to the fleet (level 3 → 4)']);
    expect(titled(migrations, '(level 3 → 4)').join('\n')).toContain('tierup creates shop.example.com → CloudFront itself');
  });
});

describe('adding a domain to a deployed blueprint', () => {
  it('levels 1-3: CloudFront comes in, the server takes only CloudFront on 443, the zone must not hold the record', () => {
    const steps = titled(migrationsFor(examplePlan(2), withDomain('blueprints/shop-2-separate-db.yaml')), 'Serve the app at https://shop.example.com/');
    expect(steps[0]).toMatch(/^If example\.com already holds a record named shop\.example\.com .* the deploy fails/);
    expect(steps[0]).toMatch(/Delete it just before the deploy .* or with Terraform import it/);
    expect(steps[1]).toContain('CloudFront comes in front of the server');
    expect(steps[1]).toContain('origin.shop.example.com → the server\'s Elastic IP');
    expect(steps[2]).toContain('admits only CloudFront, on 443, and refuses requests without the origin secret header (X-Origin-Verify)');
    expect(steps[3]).toMatch(/^The first deploy waits until ACM has validated shop\.example\.com \(us-east-1, for CloudFront\) through CNAME records/);
  });

  it('level 4+: the listener moves from HTTP 80 to HTTPS 443, with both certificates validated first', () => {
    const steps = titled(migrationsFor(examplePlan(4), withDomain('blueprints/shop-4-fleet.yaml')), 'Serve the app');
    expect(steps[1]).toMatch(/^The load balancer's listener moves from HTTP on 80 to HTTPS on 443 with ACM's certificate for origin\.shop\.example\.com/);
    expect(steps[2]).toContain('expect some failed requests (502 or 504) at those edges for a few minutes');
    expect(steps[3]).toContain('shop.example.com (us-east-1, for CloudFront) and origin.shop.example.com (us-east-1, for the load balancer)');
  });

  it('level 6 → 7: multiRegion\'s name is the domain, so the same steps apply, and tierup creates the viewer record', () => {
    const migrations = migrationsFor(examplePlan(6), examplePlan(7));
    expect(titled(migrations, 'Serve the app')[0]).toContain('record named shop.example.com');
    expect(titled(migrations, 'Cross-region replicas')[1]).toBe('tierup creates shop.example.com → CloudFront and the health-checked records for routed.origin.shop.example.com, which origin.shop.example.com (what CloudFront reaches) becomes an alias of, in place; health checks decide which region serves.');
  });

  it('warns when the domain leaves the blueprint or changes name', () => {
    expect(domainWarnings(store('cache'), planOf(STORE, { 'level: separate-db': 'level: cache', 'domain: { name: store.example.com, hostedZone: example.com, hostedZoneId: Z0123456789ABCDEFGHIJ }\n': '' }))).toEqual([
      'the domain store.example.com leaves the blueprint: the deploy deletes its records and certificates, so https://store.example.com/ stops answering and viewers must move to the Elastic IP or the load balancer\'s own name, over HTTP',
    ]);
    expect(domainWarnings(store('cache'), planOf(STORE, { 'level: separate-db': 'level: cache', 'name: store.example.com': 'name: shop.example.com' }))).toEqual([
      expect.stringContaining('viewers must move to https://shop.example.com/, with new certificates and records'),
    ]);
    expect(domainWarnings(store('cache'), store('fleet'))).toEqual([]);
  });

  it('says nothing about a domain the blueprint already had', () => {
    expect(migrationsFor(store('separate-db'), store('cache')).map((migration) => migration.title)).toEqual([]);
  });
});

describe('rotating the origin secret (cdn.originSecretVersion)', () => {
  it('by one: CloudFront sends the version already accepted, the next is created, the one before the old deleted as no data', () => {
    const steps = titled(migrationsFor(withVersion(2), withVersion(3)), 'Rotate the origin secret (v2 → v3)');
    expect(steps[0]).toContain('tierup/shop/production/origin-secret-v4 (v4) is created for the next rotation');
    expect(steps[0]).toContain('a value every origin has accepted since the last deploy, and keeps accepting v2');
    expect(steps[0]).toContain('tierup/shop/production/origin-secret-v1 (v1) is deleted');
    expect(steps.join('\n')).toContain('Terraform keeps the secret values in its state');
    expect(originProofWarnings(withVersion(2), withVersion(3))).toEqual([]);
    expect(steps.join('\n')).not.toContain('settings, refreshed every 60 s');
    // The server accepted v2 since the last deploy too, so its 60 s settings refresh opens no window.
    const onServer = titled(migrationsFor(store('cache'), store('cache', '\ncdn: { originSecretVersion: 2 }')), 'Rotate the origin secret (v1 → v2)');
    expect(onServer.join('\n')).not.toContain('settings, refreshed every 60 s');
    // From version 1 nothing is deleted.
    expect(titled(migrationsFor(withVersion(1), withVersion(2)), 'Rotate')[0]).not.toContain('deleted');
  });

  it('by two or more: warns that the version CloudFront still sends stops being accepted', () => {
    expect(migrationsFor(withVersion(1), withVersion(3)).some((migration) => migration.title.startsWith('Rotate'))).toBe(false);
    expect(originProofWarnings(withVersion(1), withVersion(3))).toEqual([expect.stringMatching(/^cdn\.originSecretVersion jumps from 1 to 3: the origin will accept only v2, v3 and v4, but CloudFront keeps sending v1 .* refused \(403\)/)]);
    expect(originProofWarnings(withVersion(3), withVersion(2))).toEqual([expect.stringContaining('not a rollback')]);
  });

  it('does not count the retired origin secret as lost data, in either engine; the database secret still counts', () => {
    const origin = (version: number) => ({ Type: 'AWS::SecretsManager::Secret', Properties: { Name: `tierup/shop/production/origin-secret-v${version}` } });
    const database = { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'shop-db-credentials' } };
    const notData = new Set(['tierup/shop/production/origin-secret-v1', 'tierup/shop/production/origin-secret-v2', 'tierup/shop/production/origin-secret-v3']);
    const cfn = diffCfnTemplates(
      { stack: { Resources: { CdnOriginSecretV1AAAA: origin(1), CdnOriginSecretV2BBBB: origin(2), DatabaseSecretCCCC: database } } },
      { stack: { Resources: { CdnOriginSecretV2BBBB: origin(2), CdnOriginSecretV3DDDD: origin(3) } } },
      notData,
    );
    expect(cfn.filter(losesData).map((change) => change.id)).toEqual(['DatabaseSecretCCCC']);
    expect(cfn.find((change) => change.id === 'CdnOriginSecretV1AAAA')).toMatchObject({ action: 'destroy', stateful: false, causes: expect.arrayContaining([expect.stringContaining('origin secret version')]) });
    const tf = diffTfConfigs(
      { stack: { resource: { aws_secretsmanager_secret: { origin_secret_v1: { name: 'tierup/shop/production/origin-secret-v1' }, database: { name: 'shop-db-credentials' } } } } },
      { stack: { resource: { aws_secretsmanager_secret: { origin_secret_v2: { name: 'tierup/shop/production/origin-secret-v2' } } } } },
      notData,
    );
    expect(tf.filter(losesData).map((change) => change.id)).toEqual(['aws_secretsmanager_secret.database']);
    // Without the plan's names, a destroyed secret is data, as before.
    expect(diffTfConfigs({ s: { resource: { aws_secretsmanager_secret: { x: { name: 'tierup/shop/production/origin-secret-v1' } } } } }, { s: {} }).filter(losesData)).toHaveLength(1);
  });

  it('lets diffBlueprints take the names from the plans, so a rotation exits 0', () => {
    const secrets = (version: number) => ({
      Resources: Object.fromEntries([version - 1, version].filter((v) => v >= 1).map((v) => [`CdnOriginSecretV${v}`, { Type: 'AWS::SecretsManager::Secret', Properties: { Name: `tierup/shop/production/origin-secret-v${v}` } }])),
    });
    const diff = diffBlueprints({ plan: withVersion(2), cfn: { stack: secrets(2) }, tf: null }, { plan: withVersion(3), cfn: { stack: secrets(3) }, tf: null });
    expect(diff.changes.map((change) => [change.id, change.action])).toEqual([['CdnOriginSecretV1', 'destroy'], ['CdnOriginSecretV3', 'add']]);
    expect(diff.safe).toBe(true);
    const skipped = diffBlueprints({ plan: withVersion(1), cfn: null, tf: null }, { plan: withVersion(3), cfn: null, tf: null });
    expect(skipped.warnings).toEqual([expect.stringContaining('jumps from 1 to 3')]);
  });
});
