/**
 * Findings of aws-cdk-lib's CloudFormation validation that are known to be wrong about what AWS accepts, each
 * with its reason. They are kept, graded `info` (not counted, as the engine's own informational findings are),
 * and carry the reason, so a reader sees why.
 */
export interface ValidationAcknowledgement {
  readonly rule: string;
  /** The findings it covers, by message. */
  readonly message: RegExp;
  readonly reason: string;
}

export const VALIDATION_ACKNOWLEDGEMENTS: readonly ValidationAcknowledgement[] = [
  {
    // The engine's list of RDS engine versions holds full minor versions only (MySQL 8.4.3, ...), yet RDS takes a
    // major alone and creates its default minor, which is what tierup pins so the default never rots (DESIGN.md §5.10).
    rule: 'E9006',
    message: /^EngineVersion: '\d+(\.\d+)?' is not one of /,
    reason: 'RDS accepts a major version alone (it creates the default minor and auto minor upgrades keep it current): '
      + 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (EngineVersion), aws/aws-cdk#11067',
  },
];
