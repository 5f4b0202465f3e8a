// `tierup/testing`: snapshot and question a team's own blueprints from its jest suite, in both engines.
export * from './inspect';
export * from './matchers';
export * from './rendered-outputs';
export * from './snapshot';
