import type { ArchitecturePlan } from '../../plan';

// What AWS checks when it creates resources in an account, as data: each rule is a small pure predicate
// over a plan or over the synthesized output, citing the AWS document that imposes it.

/** The AWS document a rule comes from. */
export interface AwsSource {
  readonly title: string;
  readonly url: string;
}

/** One problem, mapped back to the blueprint field that causes it. */
export interface AccountFinding {
  readonly rule: string;
  /** `error`: AWS refuses it. `warning`: it exceeds a default quota, which can be raised. */
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly fix: string;
  /** The blueprint field to change (`['database', 'readReplicas']`). */
  readonly path: readonly (string | number)[];
}

/** A rule over the resolved plan: fast, needs no synthesis. */
export interface PlanAccountRule {
  readonly id: string;
  readonly source: AwsSource;
  readonly check: (plan: ArchitecturePlan) => AccountFinding[];
}

/** A CloudFormation template or a Terraform configuration, as far as the output rules read them. */
export interface SynthesizedOutputs {
  readonly cloudformation: Readonly<Record<string, { readonly Resources: Readonly<Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>> }>>;
  readonly terraform: Readonly<Record<string, { readonly resource?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>; readonly data?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>> }>>;
}

/** A rule over what both engines synthesized for one blueprint. */
export interface OutputAccountRule {
  readonly id: string;
  readonly source: AwsSource;
  readonly check: (outputs: SynthesizedOutputs, plan: ArchitecturePlan) => AccountFinding[];
}

/** How to raise a default quota, for the fix of a quota warning. */
export function raiseQuota(service: string, quota: string): string {
  return `or ask AWS to raise "${quota}" in the Service Quotas console (service: ${service}) before deploying`;
}
