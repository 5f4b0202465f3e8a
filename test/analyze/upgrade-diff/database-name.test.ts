import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffBlueprints, type RenderedBlueprint } from '../../../lib/analyze/upgrade-diff';
import { renderBoth } from './render-both';

// The app's database name (DBName / db_name) is set only when RDS creates an instance: CloudFormation replaces an
// instance whose DBName changes ("Update requires: Replacement"), and db_name forces a new one in Terraform. An
// instance deployed by a tierup that named no database must therefore keep none: its blueprint names the database
// it has (`database.existingName`, README upgrade notes), and Terraform ignores the argument after creation anyway.

const yaml = readFileSync(join(__dirname, '../../../blueprints/shop-2-separate-db.yaml'), 'utf8');
const legacyYaml = yaml.replace('\n  engine: postgres\n', '\n  engine: postgres\n  existingName: postgres\n');

/** What an earlier tierup rendered for the same blueprint: its database instances without a name. */
function withoutDatabaseNames(rendered: RenderedBlueprint): RenderedBlueprint {
  const cfn = JSON.parse(JSON.stringify(rendered.cfn)) as Record<string, { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }>;
  for (const template of Object.values(cfn)) {
    for (const resource of Object.values(template.Resources)) if (resource.Type === 'AWS::RDS::DBInstance') delete resource.Properties.DBName;
  }
  const tf = JSON.parse(JSON.stringify(rendered.tf)) as Record<string, { resource: Record<string, Record<string, Record<string, unknown>>> }>;
  for (const config of Object.values(tf)) {
    for (const instance of Object.values(config.resource.aws_db_instance ?? {})) {
      delete instance.db_name;
      delete instance.lifecycle;
    }
  }
  return { ...rendered, cfn: cfn as never, tf: tf as never };
}

describe('a level-2 database deployed by a tierup that named no database', () => {
  const earlier = withoutDatabaseNames(renderBoth(yaml));
  const databaseChanges = (later: RenderedBlueprint) => diffBlueprints(earlier, later).changes
    .filter((change) => change.type === 'AWS::RDS::DBInstance' || change.type === 'aws_db_instance')
    .map((change) => [change.target, change.action, change.causes]);

  it('keeps its instance, untouched, in both engines when the blueprint names the database it has', () => {
    expect(yaml).not.toBe(legacyYaml);
    const diff = diffBlueprints(earlier, renderBoth(legacyYaml));
    expect(diff.changes.filter((change) => change.stateful && ['replace', 'destroy'].includes(change.action))).toEqual([]);
    // Terraform's instance gains only the lifecycle that ignores a later name.
    expect(databaseChanges(renderBoth(legacyYaml))).toEqual([]);
  });

  it('would be replaced by CloudFormation without it, which is why the upgrade notes ask for it; Terraform ignores the name', () => {
    expect(databaseChanges(renderBoth(yaml))).toEqual([['cfn', 'replace', [expect.stringMatching(/^DBName/)]]]);
  });
});
