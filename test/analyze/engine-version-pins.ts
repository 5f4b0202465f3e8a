import { versionLifecycle } from '../../lib/spec/engine-lifecycle';

/** A database instance's engine and version as a synthesized template or configuration asks RDS for them. */
interface Pin {
  readonly where: string;
  readonly engine: unknown;
  readonly version: unknown;
}

type Resources = Readonly<Record<string, { readonly Type?: string; readonly Properties?: Record<string, unknown> }>>;

/**
 * Every engine version the outputs ask RDS to create (CloudFormation `EngineVersion`, Terraform `engine_version`;
 * replicas name none and take their source's) that RDS does not create on `today`, or that the table does not know.
 */
export function uncreatablePins(
  cloudformation: Readonly<Record<string, { readonly Resources?: Resources }>>,
  terraform: Readonly<Record<string, { readonly resource?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>> }>>,
  today: string,
): string[] {
  const pins: Pin[] = [
    ...Object.entries(cloudformation).flatMap(([stack, template]) => Object.entries(template.Resources ?? {})
      .filter(([, resource]) => resource.Type === 'AWS::RDS::DBInstance' && resource.Properties?.EngineVersion !== undefined)
      .map(([id, resource]) => ({ where: `${stack}/${id}`, engine: resource.Properties!.Engine, version: resource.Properties!.EngineVersion }))),
    ...Object.entries(terraform).flatMap(([stack, config]) => Object.entries(config.resource?.aws_db_instance ?? {})
      .filter(([, body]) => body.engine_version !== undefined)
      .map(([name, body]) => ({ where: `${stack}/aws_db_instance.${name}`, engine: body.engine, version: body.engine_version }))),
  ];
  return pins.filter(({ engine, version }) => (engine !== 'postgres' && engine !== 'mysql') || typeof version !== 'string'
      || versionLifecycle(engine, version, today)?.retired !== null)
    .map(({ where, engine, version }) => `${where}: ${String(engine)} ${String(version)}`);
}

/** How many database instances the outputs pin a version for, so a test of `uncreatablePins` cannot pass on nothing. */
export function pinCount(
  cloudformation: Readonly<Record<string, { readonly Resources?: Resources }>>,
  terraform: Readonly<Record<string, { readonly resource?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>> }>>,
): number {
  return Object.values(cloudformation).flatMap((template) => Object.values(template.Resources ?? {}))
    .filter((resource) => resource.Type === 'AWS::RDS::DBInstance' && resource.Properties?.EngineVersion !== undefined).length
    + Object.values(terraform).flatMap((config) => Object.values(config.resource?.aws_db_instance ?? {})).filter((body) => body.engine_version !== undefined).length;
}
