import type { AccountFinding, OutputAccountRule } from './account-rule';
import { cfnTarget, tfTarget } from './output-references';

const MESSAGE = 'has read replicas but lets RDS manage its master password; RDS refuses to create replicas of such a primary (every engine but SQL Server)';
const FIX = 'keep the password in a secret of your own (tierup does; regenerate the output with this version)';

/**
 * No read replica's source has an RDS-managed master password ("Password management with Amazon RDS and
 * AWS Secrets Manager", Limitations). Same-stack sources are found by reference, cross-region ones by
 * their identifier inside the source ARN.
 */
export const replicaSourcePassword: OutputAccountRule = {
  id: 'replica-source-password',
  source: {
    title: 'Password management with Amazon RDS and AWS Secrets Manager: Limitations',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations',
  },
  check: (outputs) => {
    const managed: { resource: string; identifier: unknown; logicalId: string }[] = [];
    const sources: { logicalId: string | null; text: string }[] = [];
    for (const [stack, template] of Object.entries(outputs.cloudformation)) {
      for (const [id, resource] of Object.entries(template.Resources)) {
        if (resource.Type !== 'AWS::RDS::DBInstance') continue;
        const properties = resource.Properties ?? {};
        if (properties.ManageMasterUserPassword === true) managed.push({ resource: `${stack}/${id}`, identifier: properties.DBInstanceIdentifier, logicalId: id });
        if (properties.SourceDBInstanceIdentifier !== undefined) sources.push({ logicalId: cfnTarget(properties.SourceDBInstanceIdentifier), text: JSON.stringify(properties.SourceDBInstanceIdentifier) });
      }
    }
    for (const [stack, config] of Object.entries(outputs.terraform)) {
      for (const [name, body] of Object.entries(config.resource?.aws_db_instance ?? {})) {
        if (body.manage_master_user_password === true) managed.push({ resource: `${stack}/aws_db_instance.${name}`, identifier: body.identifier, logicalId: `aws_db_instance.${name}` });
        if (body.replicate_source_db !== undefined) sources.push({ logicalId: tfTarget(body.replicate_source_db), text: JSON.stringify(body.replicate_source_db) });
      }
    }
    return managed.filter((primary) => sources.some((source) => source.logicalId === primary.logicalId
      || (typeof primary.identifier === 'string' && source.text.includes(`:db:${primary.identifier}`))))
      .map((primary): AccountFinding => ({ rule: 'replica-source-password', severity: 'error', message: `${primary.resource} ${MESSAGE}`, fix: FIX, path: ['database', 'readReplicas'] }));
  },
};
