/**
 * The sizes of a gp3 volume AWS creates, in GiB: 1 GiB to 64 TiB
 * (https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp3-ebs-volume-type; AWS raised the
 * maximum from 16 TiB in 2025, and aws-cdk-lib's `Volume` checks the same range before synthesizing).
 */
export const GP3_SIZE_GIB = { min: 1, max: 65_536 } as const;

/** The level-1 data volume's size when the blueprint gives none, in GiB. */
export const DEFAULT_DATA_VOLUME_GIB = 20;
