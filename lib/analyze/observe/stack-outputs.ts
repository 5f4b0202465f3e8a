import type { ArchitecturePlan, DimensionValue, RegionMonitoringPlan, WatchOutputPlan } from '../../plan';
import { ObserveInputError } from './observe-input-error';

// Deploy-time dimension values (an instance id, a load balancer's full name) come from the stack outputs both
// engines emit for every `reference` dimension of the plan, under the names the plan gives them
// (`plan.monitoring.regions[].outputs`): `cdk deploy --outputs-file FILE` writes
// `{ "<stack>": { "<OutputId>": "value" } }`, `terraform output -json` writes `{ "<tfName>": { "value": ... } }`.
// No AWS credentials are needed to read them.

/** A reference dimension: the deploy-time attribute of a planned resource and the output that carries it. */
export type ReferenceValue = DimensionValue & { readonly kind: 'reference' };

/** One outputs file, parsed. */
export interface StackOutputs {
  readonly file: string;
  readonly format: 'cloudformation' | 'terraform';
  /** CloudFormation: stack name → output id → value. Terraform: one entry, keyed `''`. */
  readonly stacks: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** Parses a `cdk deploy --outputs-file` or `terraform output -json` file; throws a clear error for anything else. */
export function parseStackOutputs(text: string, file: string): StackOutputs {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ObserveInputError(`${file}: not JSON (${(error as Error).message}); pass the file \`cdk deploy --outputs-file FILE\` or \`terraform output -json > FILE\` wrote`);
  }
  if (!isObject(data) || Object.keys(data).length === 0) {
    throw new ObserveInputError(`${file}: expected an object of stack outputs (\`cdk deploy --outputs-file\`) or of Terraform outputs (\`terraform output -json\`), found ${describe(data)}`);
  }
  const entries = Object.entries(data);
  if (entries.every(([, value]) => isObject(value) && 'value' in value && ('type' in value || 'sensitive' in value))) {
    const outputs = new Map<string, string>();
    for (const [name, value] of entries) {
      const inner = (value as { value: unknown }).value;
      if (typeof inner === 'string' || typeof inner === 'number') outputs.set(name, String(inner));
    }
    return { file, format: 'terraform', stacks: new Map([['', outputs]]) };
  }
  const stacks = new Map<string, Map<string, string>>();
  for (const [stack, outputs] of entries) {
    if (!isObject(outputs) || !Object.values(outputs).every((value) => typeof value === 'string' || typeof value === 'number')) {
      throw new ObserveInputError(`${file}: "${stack}" should map output ids to values, as \`cdk deploy --outputs-file\` writes (or the whole file should be \`terraform output -json\`'s), found ${describe(outputs)}`);
    }
    stacks.set(stack, new Map(Object.entries(outputs).map(([key, value]) => [key, String(value)])));
  }
  return { file, format: 'cloudformation', stacks };
}

/** The value of a reference dimension from the outputs files, or null when none of them has it. */
export function resolveReference(plan: ArchitecturePlan, files: readonly StackOutputs[], reference: ReferenceValue): string | null {
  for (const outputs of files) {
    const value = outputs.format === 'terraform'
      ? lookupTerraform(plan, outputs.stacks.get('')!, reference)
      : lookupCloudFormation(plan, outputs.stacks, reference);
    if (value !== null) return value;
  }
  return null;
}

/** Where a missing output comes from, in both engines: the sentence an error message ends with. */
export function howToGetOutput(plan: ArchitecturePlan, reference: ReferenceValue): string {
  return `CloudFormation: output ${reference.outputName} of stack ${stacksOf(plan, reference).join(' or ')} (\`cdk deploy --all --outputs-file outputs.json\`); ` +
    `Terraform: output ${terraformNames(plan, reference).join(' or ') || '(none: no region\'s monitoring names it)'} (\`terraform output -json > outputs.json\`)`;
}

function lookupCloudFormation(plan: ArchitecturePlan, stacks: ReadonlyMap<string, ReadonlyMap<string, string>>, reference: ReferenceValue): string | null {
  // The stacks that emit the output first (a region's, or us-east-1's monitoring stack for CloudFront's and
  // Route 53's), then the blueprint's other stacks; never another blueprint's (a staging deployment's outputs
  // beside production's would give the wrong resource).
  const order = [...new Set([...stacksOf(plan, reference), ...plan.regions.map((region) => region.stackName), ...plan.monitoring.regions.map((region) => region.stackName)])];
  for (const stack of order) {
    const outputs = stacks.get(stack);
    if (!outputs) continue;
    const exact = outputs.get(reference.outputName) ?? findNormalized(outputs, [reference.outputName]);
    if (exact !== null) return exact;
    // An output declared inside a construct gets the construct path and a hash around its id.
    const nested = [...outputs.entries()].filter(([key]) => new RegExp(`${reference.outputName}[0-9A-F]{8}$`).test(key));
    if (nested.length === 1) return nested[0][1];
  }
  return null;
}

function lookupTerraform(plan: ArchitecturePlan, outputs: ReadonlyMap<string, string>, reference: ReferenceValue): string | null {
  for (const name of terraformNames(plan, reference)) {
    const value = outputs.get(name) ?? findNormalized(outputs, [name]);
    if (value !== null) return value;
  }
  return null;
}

/**
 * The Terraform output names the plan gives the reference (one configuration holds every region, so one name:
 * `watch_app_target_group_full_name_eu_west_1`), or, for a reference no region outputs, none.
 */
function terraformNames(plan: ArchitecturePlan, reference: ReferenceValue): string[] {
  return [...new Set(emittersOf(plan, reference).flatMap(({ output }) => (output.terraform ? [output.tfName] : [])))];
}

/** The CloudFormation stacks that emit the reference's output: those the plan gives it an output in. */
function stacksOf(plan: ArchitecturePlan, reference: ReferenceValue): string[] {
  const emitting = emittersOf(plan, reference);
  if (emitting.length > 0) return [...new Set(emitting.map(({ region }) => region.stackName))];
  return [plan.regions.find((region) => region.region === reference.resource.region)?.stackName ?? plan.regions[0].stackName];
}

/**
 * The monitoring regions whose outputs carry the reference, with the output (a service's alarms sit in its nested
 * stack, but their outputs stay in the region's stack).
 */
function emittersOf(plan: ArchitecturePlan, reference: ReferenceValue): { region: RegionMonitoringPlan; output: WatchOutputPlan }[] {
  return plan.monitoring.regions.flatMap((region) => region.outputs.filter((output) => output.id === reference.outputName).map((output) => ({ region, output })));
}

/** An output whose name equals one of `names` once case, `_` and `-` are ignored (digits glued or apart). */
function findNormalized(outputs: ReadonlyMap<string, string>, names: readonly string[]): string | null {
  const wanted = new Set(names.map(normalize));
  const found = [...outputs.entries()].filter(([key]) => wanted.has(normalize(key)));
  return found.length === 1 ? found[0][1] : null;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (isObject(value)) return Object.keys(value).length === 0 ? 'an empty object' : `an object with values that are not all strings (keys ${Object.keys(value).slice(0, 3).join(', ')})`;
  return `a ${typeof value}`;
}
