/** Where the app finds its settings on an instance, as `TIERUP_<PATH>=value` lines. */
export const APP_ENV_FILE = '/etc/tierup/app.env';

/**
 * The commands every instance runs at boot: copy every SSM parameter under `prefix` into
 * {@link APP_ENV_FILE}, so a new instance always starts with the current endpoints. Both renderers
 * use these lines, so an instance boots the same way whichever engine deployed it.
 */
export function appBootCommands(prefix: string, region: string): string[] {
  return [
    'set -euo pipefail',
    'install -d -m 0750 /etc/tierup',
    `aws ssm get-parameters-by-path --region ${region} --path '${prefix}' --recursive --with-decryption \\`,
    "  --query 'Parameters[].[Name,Value]' --output text \\",
    `  | while IFS=$'\\t' read -r name value; do key="\${name#${prefix}/}"; key="\${key//[\\/-]/_}"; printf 'TIERUP_%s=%s\\n' "\${key^^}" "$value"; done \\`,
    `  > ${APP_ENV_FILE}`,
    `chmod 0640 ${APP_ENV_FILE}`,
  ];
}

/** The boot commands as a complete script, base64-encoded as EC2 user data takes it. */
export function appBootScriptBase64(prefix: string, region: string): string {
  return Buffer.from(['#!/bin/bash', ...appBootCommands(prefix, region), ''].join('\n'), 'utf8').toString('base64');
}
