export * from './acknowledgements';
export * from './audit-trail';
export * from './lookups';
