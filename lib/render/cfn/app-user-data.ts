import { Stack } from 'aws-cdk-lib';
import { UserData } from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { appBootCommands } from '../../plan';

export { APP_ENV_FILE } from '../../plan';

/** User data that copies the app's settings from SSM at boot (the commands both targets share). */
export function appUserData(scope: Construct, prefix: string): UserData {
  const userData = UserData.forLinux();
  userData.addCommands(...appBootCommands(prefix, Stack.of(scope).region));
  return userData;
}
