// Small readers of synthesized outputs shared by the output rules: which resource a value points at.

/** The logical id a CloudFormation value refers to (`Ref` or `Fn::GetAtt`), or null. */
export function cfnTarget(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  const object = value as Record<string, unknown>;
  if (typeof object.Ref === 'string') return object.Ref;
  const getAtt = object['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : null;
}

/** `aws_security_group.fleet` from `${aws_security_group.fleet.id}`, or null when the value is no single reference. */
export function tfTarget(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^\$\{((?:data\.)?[a-z0-9_]+\.[a-zA-Z0-9_-]+)\.[a-z_]+\}$/.exec(value);
  return match ? match[1] : null;
}

/** A list-valued property as an array (a token standing for a list counts as one element). */
export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}
