/**
 * A blueprint that AWS would refuse for a hard limit (not a quota that can be raised), found while rendering,
 * before anything is written or deployed. `fix` says what to change in the blueprint. The CLI prints both and
 * exits 1, like any invalid input; this file has no imports, so the CLI can check for it without loading a renderer.
 */
export class AwsLimitError extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
    this.name = 'AwsLimitError';
  }
}
