import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

interface SpecType {
  readonly type: string;
  readonly reference?: { readonly $ref: string };
}

interface SpecEntity {
  readonly $id: string;
  readonly cloudFormationType?: string;
  readonly properties: Readonly<Record<string, { readonly type: SpecType }>>;
}

interface SpecDatabase {
  readonly schema: { readonly resource: { readonly entities: readonly SpecEntity[] }; readonly typeDefinition: { readonly entities: readonly SpecEntity[] } };
}

/** Where a property path leaves the resource spec: the segment that is unknown, and what is known there. */
export interface CfnPathProblem {
  /** 0-based index of the failing segment. */
  readonly segment: number;
  /** The property names allowed at that segment; empty when the parent is a list or a plain value. */
  readonly candidates: readonly string[];
  /** What the parent is: a structure (unknown name), or a list / plain value (nothing to address inside). */
  readonly parent: 'struct' | 'list' | 'value';
}

let database: { resources: Map<string, SpecEntity>; types: Map<string, SpecEntity> } | undefined;

/** Whether the resource spec knows a CloudFormation resource type. */
export function isKnownCfnType(type: string): boolean {
  database ??= readDatabase();
  return database.resources.has(type);
}

/**
 * Checks a dotted property path (`DistributionConfig.WebACLId`) against the AWS resource spec that
 * aws-cdk-lib's own diff reads (@aws-cdk/aws-service-spec, offline): null when the path exists (maps and
 * JSON properties take any key below them), else where it fails. Read once per process.
 */
export function cfnPropertyPathProblem(type: string, path: string): CfnPathProblem | null {
  database ??= readDatabase();
  let entity = database.resources.get(type);
  const segments = path.split('.');
  for (const [index, segment] of segments.entries()) {
    if (!entity) return null;
    const property = entity.properties[segment];
    if (!property) return { segment: index, candidates: Object.keys(entity.properties), parent: 'struct' };
    const { type: kind, reference } = property.type;
    if (index === segments.length - 1) return null;
    if (kind === 'ref' && reference) {
      entity = database.types.get(reference.$ref);
    } else if (kind === 'array') {
      return { segment: index + 1, candidates: [], parent: 'list' };
    } else if (kind === 'map' || kind === 'json' || kind === 'union') {
      return null;
    } else {
      return { segment: index + 1, candidates: [], parent: 'value' };
    }
  }
  return null;
}

function readDatabase() {
  // Resolved through @aws-cdk/cloudformation-diff, whose dependency it is.
  const file = require.resolve('@aws-cdk/aws-service-spec/db.json.gz', { paths: [require.resolve('@aws-cdk/cloudformation-diff')] });
  const spec = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as SpecDatabase;
  return {
    resources: new Map(spec.schema.resource.entities.map((entity) => [entity.cloudFormationType ?? '', entity])),
    types: new Map(spec.schema.typeDefinition.entities.map((entity) => [entity.$id, entity])),
  };
}
