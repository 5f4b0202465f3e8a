import { Stack } from 'aws-cdk-lib';
import { UserData } from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';

/** Where the app finds its settings on the instance, as `TIERUP_<PATH>=value` lines. */
export const APP_ENV_FILE = '/etc/tierup/app.env';

/**
 * User data that writes every parameter under `prefix` to {@link APP_ENV_FILE} at boot, so a new
 * instance (or a replaced launch template) always starts with the current endpoints.
 */
export function appUserData(scope: Construct, prefix: string): UserData {
  const userData = UserData.forLinux();
  userData.addCommands(
    'set -euo pipefail',
    'install -d -m 0750 /etc/tierup',
    `aws ssm get-parameters-by-path --region ${Stack.of(scope).region} --path '${prefix}' --recursive --with-decryption \\`,
    "  --query 'Parameters[].[Name,Value]' --output text \\",
    `  | while IFS=$'\\t' read -r name value; do key="\${name#${prefix}/}"; key="\${key//[\\/-]/_}"; printf 'TIERUP_%s=%s\\n' "\${key^^}" "$value"; done \\`,
    `  > ${APP_ENV_FILE}`,
    `chmod 0640 ${APP_ENV_FILE}`,
  );
  return userData;
}
