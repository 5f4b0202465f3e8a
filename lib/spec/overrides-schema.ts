import { z } from 'zod';
import { nameSchema } from './names';

// Overrides change what tierup generates where the blueprint has no field for it. They address resources
// by tierup's stable names (construct paths, Terraform addresses), which are contract (DESIGN.md §5.1),
// never by CloudFormation's hashed logical ids.

/** A property path: names joined by dots, e.g. `DistributionConfig.WebACLId` or `backup_retention_period`. */
const propertyPathSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, {
  message: 'must be a property path: names joined by dots, like DistributionConfig.WebACLId',
});

/** What to change on one CloudFormation resource. */
export const cloudFormationPatchSpecSchema = z.strictObject({
  /** Construct path of the resource under the primary region's stack, e.g. `Database/Instance`; a construct with one main resource may be named itself. */
  resource: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/, {
    message: 'must be a construct path like Database/Instance (ids joined by "/", no stack name)',
  }).meta({ description: 'Construct path of the resource under the primary region\'s stack, e.g. Database/Instance (never a hashed logical id). Required.' }),
  /** CloudFormation properties to set, by path (`BackupRetentionPeriod: 14`); a value replaces what tierup generates. @default {} */
  set: z.record(propertyPathSchema, z.unknown()).default({}).meta({ description: 'CloudFormation properties to set, by dotted path (BackupRetentionPeriod: 14); a value replaces what tierup generates. Default: {}.' }),
  /** CloudFormation properties to remove, by path. @default [] */
  remove: z.array(propertyPathSchema).default([]).meta({ description: 'CloudFormation properties to remove, by dotted path. Default: [].' }),
});
export type CloudFormationPatchSpec = z.infer<typeof cloudFormationPatchSpecSchema>;

/** What to change on one Terraform resource. */
export const terraformPatchSpecSchema = z.strictObject({
  /** Terraform address of the resource, `<type>.<name>`, e.g. `aws_db_instance.database`. */
  resource: z.string().regex(/^aws_[a-z0-9_]+\.[a-z0-9_]+$/, { message: 'must be a Terraform address like aws_db_instance.database' })
    .meta({ description: 'Terraform address of the resource, <type>.<name>, e.g. aws_db_instance.database. Required.' }),
  /** Arguments to set, by path (`backup_retention_period: 14`); a list given where tierup generates a list is appended to it (cdktf merges overrides). @default {} */
  set: z.record(propertyPathSchema, z.unknown()).default({}).meta({ description: 'Terraform arguments to set, by dotted path (backup_retention_period: 14); a list given where tierup generates one is appended to it. Default: {}.' }),
  /** Arguments to remove, by path. @default [] */
  remove: z.array(propertyPathSchema).default([]).meta({ description: 'Terraform arguments to remove, by dotted path. Default: [].' }),
});
export type TerraformPatchSpec = z.infer<typeof terraformPatchSpecSchema>;

/**
 * One change the blueprint cannot express, for each engine that should get it. Giving one engine only is
 * allowed and reported as a parity exception (the two outputs then differ on purpose).
 */
export const overrideSpecSchema = z.strictObject({
  /** What the change is for, unique in the blueprint, e.g. `longer-backups`; `explain` and warnings name it. */
  name: nameSchema('override name', 40).meta({ description: 'What the change is for, unique in the blueprint, e.g. longer-backups; explain and warnings name it. Required.' }),
  /** Why it is needed, shown by `explain`. @default - none */
  reason: z.string().max(500).optional().meta({ description: 'Why it is needed, shown by explain. Default: none.' }),
  /** The change to the CloudFormation output. @default - none: a parity exception unless `terraform` is absent too */
  cloudformation: cloudFormationPatchSpecSchema.optional().meta({ description: 'The change to the CloudFormation output. Default: none (a parity exception when terraform is given alone).' }),
  /** The change to the Terraform output. @default - none: a parity exception unless `cloudformation` is absent too */
  terraform: terraformPatchSpecSchema.optional().meta({ description: 'The change to the Terraform output. Default: none (a parity exception when cloudformation is given alone).' }),
});
export type OverrideSpec = z.infer<typeof overrideSpecSchema>;

/** The blueprint's `overrides` section. @default [] */
export const overridesSpecSchema = z.array(overrideSpecSchema).max(100);
