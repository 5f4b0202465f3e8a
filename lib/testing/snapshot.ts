import { type BlueprintSource, type CloudFormationTemplate, type Engine, renderOutputs, type RenderedOutputs, type TerraformConfig } from './rendered-outputs';

/** What replaces a volatile value in a snapshot. */
export const NORMALIZED = { assetHash: '<asset-hash>', version: '<version>' } as const;

const ASSET_HASH = /\b[0-9a-f]{64}\b/g;

/**
 * Both engines' outputs of a blueprint with the parts that change without the blueprint changing
 * normalized, ready for `expect(...).toMatchSnapshot()`: asset hashes, the CDK bootstrap-version
 * parameter and rule, CDK version metadata, and the AWS provider's version constraint.
 */
export function snapshotBlueprint(source: BlueprintSource, engines?: readonly Engine[]): RenderedOutputs {
  return normalizeOutputs(renderOutputs(source, engines));
}

/** {@link snapshotBlueprint}'s normalization, for outputs rendered some other way. */
export function normalizeOutputs(outputs: RenderedOutputs): RenderedOutputs {
  return {
    cloudformation: Object.fromEntries(Object.entries(outputs.cloudformation).map(([stack, template]) => [stack, normalizeTemplate(template)])),
    terraform: Object.fromEntries(Object.entries(outputs.terraform).map(([stack, config]) => [stack, normalizeConfig(config)])),
  };
}

function normalizeTemplate(template: CloudFormationTemplate): CloudFormationTemplate {
  const { Parameters, Rules, Resources, ...rest } = template as CloudFormationTemplate & { Parameters?: Record<string, unknown>; Rules?: Record<string, unknown> };
  const parameters = Object.fromEntries(Object.entries(Parameters ?? {}).filter(([name]) => name !== 'BootstrapVersion'));
  const rules = Object.fromEntries(Object.entries(Rules ?? {}).filter(([name]) => name !== 'CheckBootstrapVersion'));
  const resources = Object.fromEntries(Object.entries(Resources ?? {}).filter(([, resource]) => resource.Type !== 'AWS::CDK::Metadata'));
  return hashesNormalized({
    ...rest,
    ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}),
    ...(Object.keys(rules).length > 0 ? { Rules: rules } : {}),
    Resources: resources,
  }) as CloudFormationTemplate;
}

function normalizeConfig(config: TerraformConfig): TerraformConfig {
  const terraform = config.terraform as { required_providers?: Record<string, Record<string, unknown>> } | undefined;
  const providers = terraform?.required_providers;
  const pinned = providers
    ? { ...config, terraform: { ...terraform, required_providers: Object.fromEntries(Object.entries(providers).map(([name, provider]) => [name, { ...provider, version: NORMALIZED.version }])) } }
    : config;
  return hashesNormalized(pinned) as TerraformConfig;
}

function hashesNormalized(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(ASSET_HASH, NORMALIZED.assetHash);
  if (Array.isArray(value)) return value.map(hashesNormalized);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key.replace(ASSET_HASH, NORMALIZED.assetHash), hashesNormalized(child)]));
}
