import type { ArchitecturePlan } from '../../plan';
import type { TfConfig } from './synthesize';

/** checkov's skip comments for tierup's acknowledgements, by resource address (filled in with the acknowledgements). */
export function checkovComments(_plan: ArchitecturePlan, _config: TfConfig): ReadonlyMap<string, readonly string[]> {
  return new Map();
}
