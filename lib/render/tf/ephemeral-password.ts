import { ref, TerraformStack, Token } from 'cdktf';
import type { IConstruct } from 'constructs';

/** What Secrets Manager's generator leaves out of a password (the provider's arguments, in Terraform's names). */
export type PasswordCharacters = { readonly exclude_characters: string } | { readonly exclude_punctuation: true };

/**
 * An ephemeral `aws_secretsmanager_random_password` (Terraform 1.10+): a fresh value on every run that is never
 * stored in state or plan, valid only in write-only arguments (`password_wo`, `secret_string_wo`). cdktf 0.21 has
 * no ephemeral resources, so the block goes in raw; it needs no provider beyond the default one.
 * https://developer.hashicorp.com/terraform/language/resources/ephemeral
 * Returns the expression of its value.
 */
export function ephemeralPassword(scope: IConstruct, tfName: string, length: number, characters: PasswordCharacters): string {
  const stack = TerraformStack.of(scope);
  const address = `ephemeral.aws_secretsmanager_random_password.${tfName}`;
  stack.addOverride(address, { password_length: length, ...characters });
  return Token.asString(ref(`${address}.random_password`, stack));
}
