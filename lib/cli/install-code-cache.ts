import { installCodeCache } from './code-cache';

// Imported first by bin/tierup.ts, so that every module after it (yargs, zod, aws-cdk-lib, cdktf…) is
// compiled through the code cache; an import has to do it, because imports run before any statement.
installCodeCache();
