import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineVersionLifecycle } from '../../lib/analyze/account-rules';
import { createPlan } from '../../lib/plan';
import { parseBlueprint } from '../../lib/spec';
import { EXAMPLE_FILES } from '../security/examples';

// `validate` refuses an engine version RDS no longer creates on the day it runs, and warns, with the charge, of a
// major in RDS Extended Support. The day is the rule's parameter; here it is pinned.

const ROOT = join(__dirname, '..', '..');
const TODAY = '2026-12-06';
const LEVEL4 = readFileSync(join(ROOT, 'blueprints', 'shop-4-fleet.yaml'), 'utf8');
const LEVEL6 = readFileSync(join(ROOT, 'blueprints', 'shop-6-microservices.yaml'), 'utf8');

function findings(text: string, today = TODAY) {
  const { spec } = parseBlueprint(text, 'shop.yaml');
  return engineVersionLifecycle.check(spec, createPlan(spec), today);
}

const withVersion = (engine: string, version: string, text = LEVEL4) =>
  text.replace('  engine: postgres\n', `  engine: ${engine}\n  engineVersion: "${version}"\n`);

describe('engine versions RDS no longer creates', () => {
  it('refuses PostgreSQL 16.4 on 2026-12-06, naming the day RDS stopped and the nearest version it creates', () => {
    expect(findings(withVersion('postgres', '16.4'))).toEqual([{
      rule: 'engine-version-lifecycle',
      severity: 'error',
      path: ['database', 'engineVersion'],
      message: expect.stringContaining('RDS has refused to create PostgreSQL 16.4 since 2025-10-01'),
      fix: expect.stringMatching(/^write `engineVersion: "16"`.*the nearest minor RDS still creates, `engineVersion: "16\.9"`/),
    }]);
  });

  it('says when the day is known only as a latest one, and how', () => {
    const [finding] = findings(withVersion('mysql', '8.0.39'));
    expect(finding).toMatchObject({ severity: 'error', message: expect.stringContaining('MySQL 8.0.39: it stopped by 2025-11-15 at the latest (no longer listed in the release calendar') });
    // 8.0 itself is in RDS Extended Support: the fix says so and offers the major in standard support.
    expect(finding.fix).toMatch(/`engineVersion: "8\.0"`.*RDS Extended Support since 2026-08-01.*`engineVersion: "8\.4"`.*`engineVersion: "8\.0\.46"`/);
  });

  it('accepted 16.4 the day before RDS stopped creating it', () => {
    expect(findings(withVersion('postgres', '16.4'), '2025-09-30')).toEqual([]);
  });

  it("checks services' databases at their own field", () => {
    const text = LEVEL6.replace('database: { engine: postgres }', 'database: { engine: postgres, engineVersion: "17.2" }');
    expect(findings(text)).toEqual([expect.objectContaining({ severity: 'error', path: ['services', 0, 'database', 'engineVersion'], message: expect.stringContaining('since 2026-05-01') })]);
  });

  it('checks the default too: the day it rots, validate says so', () => {
    // PostgreSQL 17 leaves RDS Extended Support on 2033-02-28.
    expect(findings(LEVEL4, '2033-03-01')).toEqual([expect.objectContaining({
      severity: 'error', path: ['database', 'engineVersion'], message: expect.stringContaining("PostgreSQL 17 (tierup's default for `postgres`"),
    })]);
  });

  it.each(EXAMPLE_FILES)('finds nothing in %s on 2026-12-06', (file) => {
    expect(findings(readFileSync(join(ROOT, file), 'utf8'))).toEqual([]);
  });
});

describe('majors in RDS Extended Support', () => {
  it('warns of MySQL 8.0 with the charge per vCPU-hour and for the blueprint', () => {
    // shop-4: a Multi-AZ db.t4g.medium primary (2 instances) and 2 replicas: 4 instances of 2 vCPUs.
    expect(findings(withVersion('mysql', '8.0'))).toEqual([{
      rule: 'engine-version-lifecycle',
      severity: 'warning',
      path: ['database', 'engineVersion'],
      message: 'MySQL 8.0 left RDS standard support on 2026-07-31: RDS runs it only in RDS Extended Support until 2029-07-31, ' +
        "charged $0.100 per vCPU-hour on top of each instance (us-east-1, $0.200 from 2028-08-01), about $584 a month for this blueprint's 4 instances (8 vCPUs) " +
        '(https://aws.amazon.com/rds/mysql/pricing/)',
      fix: expect.stringContaining('`engineVersion: "8.4"`'),
    }]);
  });

  it('charges the third year at twice the rate', () => {
    expect(findings(withVersion('mysql', '8.0'), '2028-08-01')[0].message).toContain("charged $0.200 per vCPU-hour on top of each instance (us-east-1), about $1168 a month");
  });

  it('counts every shard of the app database', () => {
    const sharded = readFileSync(join(ROOT, 'blueprints', 'shop-5-sharded.yaml'), 'utf8');
    expect(findings(withVersion('postgres', '13', sharded))[0].message).toMatch(/this blueprint's 16 instances \(32 vCPUs\)/);
  });
});
