export * from './boot-script';
export * from './local-database';
export * from './probe-source';
export * from './required-settings';
export * from './runtime-plan';
export * from './settings-script';
export * from './tier-boot';
export * from './units';
