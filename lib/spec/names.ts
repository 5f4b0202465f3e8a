import { z } from 'zod';

/**
 * A resource name fragment: lower-case letters, digits and single hyphens, starting with a letter.
 * Names like these are valid in every physical name tierup builds from them (RDS identifiers,
 * ElastiCache replication group ids, SQS queue names, SSM paths), which forbid upper case,
 * leading digits and double hyphens.
 */
export const NAME_PATTERN = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/;

/** A name schema of at most `maxLength` characters that explains the rule it breaks. */
export function nameSchema(what: string, maxLength: number) {
  return z
    .string()
    .min(1, { message: `${what} must not be empty` })
    .max(maxLength, {
      message: `${what} is at most ${maxLength} characters, because it prefixes AWS physical names with length limits; shorten it`,
    })
    .regex(NAME_PATTERN, {
      message: `${what} must be lower-case letters, digits and single hyphens, starting with a letter (for example "orders-api")`,
    });
}
