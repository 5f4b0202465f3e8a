// What Terraform replaces beyond the resources whose own ForceNew arguments change: it plans each resource from the
// values the configuration gives it, and some of those are only known once another resource has been replaced.

/** Resource bodies by address (`aws_instance.server`), as a configuration gives them. */
export type TfResources = ReadonlyMap<string, Readonly<Record<string, unknown>>>;

/** What a stack's own arguments already do: the addresses updated or replaced, and those replaced. */
export interface DirectChanges {
  readonly changed: ReadonlySet<string>;
  readonly replaced: ReadonlySet<string>;
}

/** How the diff reads a resource type and body: its ForceNew arguments, and those `lifecycle.ignore_changes` names. */
export interface ArgumentRules {
  readonly forceNew: (type: string) => ReadonlySet<string>;
  readonly ignored: (body: Readonly<Record<string, unknown>>) => ReadonlySet<string>;
}

/**
 * The resources, present before and after, that Terraform replaces although none of their own ForceNew arguments
 * changes, each with why, until nothing more is replaced:
 * - `lifecycle.replace_triggered_by` names a resource that is updated or replaced (one being created triggers nothing):
 *   https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#replace_triggered_by
 * - a ForceNew argument (not ignored) reads an attribute of a replaced resource that its configuration does not set:
 *   the attribute is unknown until the new resource exists, and an unknown ForceNew value plans a new resource
 *   (https://github.com/hashicorp/terraform/issues/3104: a volume in a replaced instance's zone is replaced with it).
 * Whole references count as any change of what they name; a reference to one attribute is read the same way.
 */
export function furtherReplacements(old: TfResources, next: TfResources, direct: DirectChanges, rules: ArgumentRules): Map<string, string[]> {
  const further = new Map<string, string[]>();
  const replaced = (address: string): boolean => direct.replaced.has(address) || further.has(address);
  const candidates = [...next.keys()].filter((address) => old.has(address) && !direct.replaced.has(address));
  let grew = true;
  while (grew) {
    grew = false;
    for (const address of candidates.filter((candidate) => !further.has(candidate))) {
      const body = next.get(address)!;
      const why = [
        ...triggersOf(body).filter((trigger) => direct.changed.has(trigger) || replaced(trigger))
          .map((trigger) => `replace_triggered_by: ${trigger} changes`),
        ...unknownForceNew(address, body, next, replaced, rules),
      ];
      if (why.length > 0) {
        further.set(address, why);
        grew = true;
      }
    }
  }
  return further;
}

/** The addresses a resource's `lifecycle.replace_triggered_by` names (`terraform_data.server_architecture`). */
function triggersOf(body: Readonly<Record<string, unknown>>): string[] {
  const lifecycle = body.lifecycle as { readonly replace_triggered_by?: unknown } | undefined;
  const triggers = Array.isArray(lifecycle?.replace_triggered_by) ? lifecycle.replace_triggered_by : [];
  return triggers.filter((trigger): trigger is string => typeof trigger === 'string')
    .map((trigger) => trigger.replace(/^\$\{(.*)\}$/, '$1').split('.').slice(0, 2).join('.').replace(/\[.*$/, ''));
}

function unknownForceNew(
  address: string, body: Readonly<Record<string, unknown>>, next: TfResources, replaced: (address: string) => boolean, rules: ArgumentRules,
): string[] {
  const type = address.split('.')[0];
  const ignored = rules.ignored(body);
  return [...rules.forceNew(type)].filter((argument) => argument in body && !ignored.has(argument)).flatMap((argument) => {
    const unknown = referencesIn(body[argument]).find((reference) => reference.address !== address && replaced(reference.address) &&
      !isKnown(next.get(reference.address)?.[reference.attribute]));
    return unknown ? [`${argument}: reads ${unknown.address}.${unknown.attribute}, unknown until the replaced ${unknown.address} exists`] : [];
  });
}

/** A value its configuration states literally is known when the resource is planned, even when it is replaced. */
function isKnown(value: unknown): boolean {
  return value !== undefined && !JSON.stringify(value).includes('${');
}

/** Every `type.name.attribute` a value's `${…}` expressions read. */
function referencesIn(value: unknown): { readonly address: string; readonly attribute: string }[] {
  const text = JSON.stringify(value ?? null);
  return [...text.matchAll(/\$\{([^}]*)\}/g)].flatMap(([, expression]) => [...expression.matchAll(/(?<![\w.])([a-z][a-z0-9_]*)\.([\w-]+)\.(\w+)/g)]
    .map(([, type, name, attribute]) => ({ address: `${type}.${name}`, attribute })));
}
