// The capacity model's constants live with the plan (lib/plan/capacity), whose monitoring thresholds come from
// them; `capacity` and `advise` read the same figures through this module.
export { CACHE_HIT_RATIO, CACHE_OPERATIONS_PER_SECOND, CAPACITY_FIGURES, DATABASE_QUERIES_PER_SECOND } from '../../plan/capacity/capacity-figures';
