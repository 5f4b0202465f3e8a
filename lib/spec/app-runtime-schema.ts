import { z } from 'zod';
import { BOOT_SCRIPT_DELIMITER } from './boot-script-delimiter';

// What runs on an instance: the blueprint names the application here (issue 11). Shared by `app`,
// every service (which extends `app`) and every queue's `worker`.

/** `registry/repository[:tag][@sha256:digest]`, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:1.4.2` or `public.ecr.aws/nginx/nginx:1.27`. */
export const containerImageSchema = z
  .string()
  .max(512)
  .regex(/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?(:[0-9]+)?(\/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/, {
    message: 'must be a container image like 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:1.4.2 or public.ecr.aws/nginx/nginx:1.27 (registry host, repository, tag or digest)',
  });

/** An AMI id, or the path of an SSM parameter that holds one (what an image pipeline publishes). */
export const machineImageSchema = z
  .string()
  .regex(/^(ami-[0-9a-f]{8}([0-9a-f]{9})?|\/[A-Za-z0-9_.\-/]{1,1010})$/, {
    message: 'must be an AMI id like ami-0123456789abcdef0 or an SSM parameter path like /images/shop/latest',
  });

export { BOOT_SCRIPT_DELIMITER };

/** The application fields of `app`, every service and every `worker`. */
export const appRuntimeFields = {
  /** Container image run under systemd on every instance (Docker from the Amazon Linux 2023 repositories), with the port published and the settings as its environment. @default - the built-in probe, unless `ami` is given */
  image: containerImageSchema.optional().meta({ description: 'Container image run under systemd on every instance (Docker from the Amazon Linux 2023 repositories), port published, the settings as its environment, restarted on failure; ECR or a public registry. Default: the built-in probe, unless ami is given.' }),
  /** Machine image that starts the app itself: an AMI id or an SSM parameter path holding one. @default - the latest Amazon Linux 2023 for the instance type's architecture */
  ami: machineImageSchema.optional().meta({ description: 'Machine image that starts the app itself: an AMI id or an SSM parameter path holding one (what an image pipeline publishes). Default: the latest Amazon Linux 2023 for the instance type\'s architecture.' }),
  /**
   * Extra shell commands (bash) run as root after the settings are written and before the app starts, in both
   * engines alike; at most 1024 characters, since EC2 user data holds 16 KB in all (larger setups belong in
   * the image or AMI). @default - none
   */
  bootScript: z
    .string()
    .min(1)
    .max(1024, { message: 'is longer than 1024 characters; EC2 user data holds 16 KB in all, so put larger setups in the image or AMI' })
    .refine((script) => !script.split('\n').includes(BOOT_SCRIPT_DELIMITER), { message: `must not contain a line ${BOOT_SCRIPT_DELIMITER}` })
    .optional()
    .meta({ description: 'Extra bash commands run as root after the settings are written and before the app starts, in both engines alike; at most 1024 characters. Default: none.' }),
} as const;

/** The application fields as one object, for the plan. */
export const appRuntimeSpecSchema = z.strictObject(appRuntimeFields);
export type AppRuntimeSpec = z.infer<typeof appRuntimeSpecSchema>;
