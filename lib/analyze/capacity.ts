// The capacity model lives with the plan (lib/plan/capacity), whose monitoring thresholds come from it; `tierup
// capacity` and `advise` call the same functions through this module: one model, not two.
export {
  type CapacityReport, type TierCapacity, type Workload, headroomOf, modelCapacity,
} from '../plan/capacity/model-capacity';
