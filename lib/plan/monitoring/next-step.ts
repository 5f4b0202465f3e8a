import { LEVEL_NAMES, type Level } from '../../spec/levels';

// What lifts a level's ceiling: the next level of the ladder, in the words of DESIGN.md §1, as the climb signal and
// the alarms' descriptions say it.

/** What the next level brings, by the level a blueprint is at; level 7 has none. */
const NEXT_STEP = {
  1: 'moves the database to RDS and gives the app the whole server',
  2: 'adds a cache that takes repeated reads off the database',
  3: 'puts an auto-scaling fleet behind a load balancer, with read replicas',
  4: 'splits writes over database shards and moves slow work to queues',
  5: 'gives each team\'s service its own fleet, data and scaling',
  6: 'adds regions that share the load and take over when one fails',
  7: null,
} as const satisfies Record<Level, string | null>;

/** "level 5 (sharded) splits writes over …", or the top of the ladder's advice at level 7. */
export function nextLevel(level: Level): string {
  const step = NEXT_STEP[level];
  if (step === null) return 'level 7 is the top of the ladder: grow the bottleneck tier (larger classes, more replicas, shards or regions)';
  const next = (level + 1) as Level;
  return `level ${next} (${LEVEL_NAMES[next]}) ${step}`;
}
