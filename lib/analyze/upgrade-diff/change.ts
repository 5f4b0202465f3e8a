/** What an upgrade does to one resource. */
export type ChangeAction = 'add' | 'update' | 'replace' | 'destroy' | 'orphan';

/** One resource change, as `tierup diff --json` prints it. */
export interface ResourceChange {
  readonly target: 'cfn' | 'tf';
  readonly stack: string;
  /** Logical id (CloudFormation) or resource address (Terraform). */
  readonly id: string;
  readonly type: string;
  readonly action: ChangeAction;
  /**
   * True for data stores: databases, caches, buckets, queues, volumes, secrets, keys, log groups, nested stacks; and for
   * an instance replaced while it holds a data volume (`holds`).
   */
  readonly stateful: boolean;
  /** The properties whose change forces the action, or why it happens. */
  readonly causes: readonly string[];
  /**
   * What the update does to a running instance, when it interrupts one: `stop-start` (the level 1-3 server's user data
   * or type changes: both engines stop it, change it and start it, keeping the instance). Absent otherwise.
   */
  readonly interruption?: 'stop-start';
  /**
   * `data-volume`: an instance replaced while it holds a data volume (the level-1 server), which the replacement must
   * free first; its data stays on the volume. Absent otherwise.
   */
  readonly holds?: 'data-volume';
}

/** Blueprint changes per tier (as its boot script names it), summarized for the causes of the resources that boot it. */
export type TierChanges = ReadonlyMap<string, string>;

/** True when a change loses or recreates data: what makes `tierup diff` exit 3. */
export function losesData(change: ResourceChange): boolean {
  return change.stateful && (change.action === 'replace' || change.action === 'destroy');
}

/** A property value in a cause, shortened to stay on one line. */
export function describeValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
