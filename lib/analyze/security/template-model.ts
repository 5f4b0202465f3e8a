/** A CloudFormation resource as JSON. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly DeletionPolicy?: string;
  readonly Metadata?: Readonly<Record<string, unknown>>;
}

/** A CloudFormation template as JSON (what `renderCfnTemplates` returns per stack). */
export interface SecurityTemplate {
  readonly Resources: Readonly<Record<string, TemplateResource>>;
}

/** One template under check: its stack name and its resources. */
export interface TemplateView {
  readonly stack: string;
  readonly resources: Readonly<Record<string, TemplateResource>>;
}

/** A property by dotted path (`LaunchTemplateData.MetadataOptions.HttpTokens`), or undefined. */
export function prop(resource: TemplateResource, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), resource.Properties);
}

/** The logical id a `Ref` or `Fn::GetAtt` points at, or null for anything else. */
export function refTarget(value: unknown): string | null {
  if (!isRecord(value)) return null;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : null;
}

/** Every logical id referenced anywhere inside `value`. */
export function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (!isRecord(value)) return [];
  const target = refTarget(value);
  return target !== null ? [target] : Object.values(value).flatMap(referencedIds);
}

/** The items of a list property (empty when absent). */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** True for `true` and CloudFormation's `"true"`. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Whether a policy document denies every request made without TLS (`aws:SecureTransport` false). */
export function deniesInsecureTransport(document: unknown): boolean {
  return list(isRecord(document) ? document.Statement : undefined).some((statement) => isRecord(statement)
    && statement.Effect === 'Deny'
    && isRecord(statement.Condition)
    && isRecord(statement.Condition.Bool)
    && String(statement.Condition.Bool['aws:SecureTransport']) === 'false');
}

/** Policies of `policyType` in the template whose `targetsProperty` lists `logicalId`. */
export function policiesOf(template: TemplateView, policyType: string, targetsProperty: string, logicalId: string): TemplateResource[] {
  return Object.values(template.resources).filter((resource) => resource.Type === policyType
    && referencedIds(prop(resource, targetsProperty)).includes(logicalId));
}

/** True when `value` is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
