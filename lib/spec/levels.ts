/** The scaling ladder: each level keeps everything below it and adds what the next bottleneck needs. */
export const LEVEL_NAMES = {
  1: 'single-server',
  2: 'separate-db',
  3: 'cache',
  4: 'fleet',
  5: 'sharded',
  6: 'microservices',
  7: 'multi-region',
} as const satisfies Record<number, string>;

/** A level of the ladder, 1 (single server) to 7 (multi-region). */
export type Level = keyof typeof LEVEL_NAMES;

/** The name of a level, as accepted in a blueprint's `level` field. */
export type LevelName = (typeof LEVEL_NAMES)[Level];

/** Every level, lowest first. */
export const LEVELS = [1, 2, 3, 4, 5, 6, 7] as const satisfies readonly Level[];

/** Level names in ladder order, for enums and help texts. */
export const LEVEL_NAME_LIST = LEVELS.map((level) => LEVEL_NAMES[level]) as [LevelName, ...LevelName[]];

/** The level a name or number denotes. */
export function levelOf(value: Level | LevelName): Level {
  if (typeof value === 'number') return value;
  return LEVELS.find((level) => LEVEL_NAMES[level] === value)!;
}

/** "4 (fleet)": how errors and reports name a level. */
export function describeLevel(level: Level): string {
  return `${level} (${LEVEL_NAMES[level]})`;
}
