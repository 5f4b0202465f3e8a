import { migrationsFor } from '../../../lib/analyze/upgrade-diff/migration-steps';
import { renderCfnTemplates } from '../../../lib/render/cfn';
import { renderTfConfigs } from '../../../lib/render/tf';
import { examplePlan } from '../plan-of';

// The 3 → 4 steps name outputs and resources that the level-4 outputs really have, in an order that works.
describe('moving from the server to the fleet (3 → 4)', () => {
  const after = examplePlan(4);
  const migration = migrationsFor(examplePlan(3), after).find((candidate) => candidate.title.includes('(level 3 → 4)'));
  const steps = migration?.steps ?? [];
  const stack = after.regions[0].stackName;

  it('names the Url output of CloudFormation and the url output of Terraform, which both exist', () => {
    const dns = steps.find((step) => step.startsWith('Right after the deploy, point the DNS name'));
    expect(dns).toContain('the stack output Url (CloudFormation) or `terraform output url` (Terraform)');
    expect(Object.keys(renderCfnTemplates(after)[stack].Outputs as object)).toEqual(expect.arrayContaining(['Url', 'StaticAssetsBucket']));
    const config = renderTfConfigs(after)[stack];
    expect(Object.keys(config.output as object)).toContain('url');
    expect(Object.keys(config.resource?.aws_s3_bucket ?? {})).toContain('static_assets');
  });

  it('lowers the TTL before the deploy and moves DNS after it, since the deploy releases the Elastic IP', () => {
    const at = (prefix: string) => steps.findIndex((step) => step.startsWith(prefix));
    expect(at('A day before, lower the TTL')).toBeGreaterThanOrEqual(0);
    expect(at('A day before, lower the TTL')).toBeLessThan(at('Deploy level 4'));
    expect(at('Deploy level 4')).toBeLessThan(at('Right after the deploy, point the DNS name'));
    expect(steps.join('\n')).not.toMatch(/CdnUrl|cdn_domain_name|LoadBalancerUrl/);
  });
});
