// tierup's boot scripts name their tier on their second line (lib/plan/boot/boot-script.ts):
// `# tierup boot: shop level 1 (single-server), server, us-east-1; app: container …`. The diff reads it to say which
// tier's instances a changed UserData or launch template reaches, and in the blueprint's terms what changed for it.

const HEADER = /^# tierup boot: .+? level \d+ \([a-z-]+\), (.+), [a-z0-9-]+; app: /m;

/** The tier a rendered boot script names ("server", "fleet app", "workers emails of service orders"); null for other user data. */
export function bootTierOf(script: string): string | null {
  return HEADER.exec(script)?.[1] ?? null;
}

/** The literal text of a CloudFormation UserData (`Fn::Base64` of a string or an `Fn::Join`), its references left out. */
export function cfnUserDataText(userData: unknown): string {
  const value = (userData as { 'Fn::Base64'?: unknown } | undefined)?.['Fn::Base64'];
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  return join ? join[1].filter((part): part is string => typeof part === 'string').join('') : '';
}

/** The text of Terraform user data (base64, as tierup renders `user_data_base64` and a launch template's `user_data`). */
export function tfUserDataText(userData: unknown): string {
  return typeof userData === 'string' ? Buffer.from(userData, 'base64').toString('utf8') : '';
}
