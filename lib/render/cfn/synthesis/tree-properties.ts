import { CfnResource, Stack, TreeInspector, type IResolveContext } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { replaceMethod, sourceHash, type PatchTarget } from './library-patch';

/**
 * tree.json's resource properties taken from the template's resolution instead of resolved a third time. For every
 * L1 resource tree.json records `cfnProperties` resolved (`TreeMetadata.synthAttributes`), after every template has
 * been written from the very same properties resolved the same way (`CfnResource._toCloudFormation`, through
 * `ignoreEmpty`): 9-12% of `App.synth`. The template's resolution is kept, as JSON, with a structural copy of the
 * properties it was made from; tree.json takes it when the resource's properties are still those (the same keys,
 * plain objects and arrays, and the very same values and tokens), and resolves them itself otherwise. Tree metadata is
 * written last, once every template is written, so nothing but the library's own writing of the later stacks runs
 * in between.
 */

/** `CfnResource.prototype._toCloudFormation` of aws-cdk-lib 2.276.0: `Properties: ignoreEmpty(this.cfnProperties)` in a `PostResolveToken`. */
const TO_CLOUDFORMATION: PatchTarget = { owner: CfnResource.prototype, name: '_toCloudFormation', sourceSha256: '5e2a53fab09106f6' };
/** `TreeMetadata.prototype.synthAttributes` of aws-cdk-lib 2.276.0 (a private class, found on the app's `Tree` child). */
const SYNTH_ATTRIBUTES_SHA256 = 'e02601a294c212d3';
/** The processor of `ignoreEmpty` (aws-cdk-lib 2.276.0): returns the resolved value unless it is empty. */
const IGNORE_EMPTY_SHA256 = '4e11f81fb7185c2e';
/** `PostResolveToken.prototype.postProcess` of aws-cdk-lib 2.276.0: `this.processor(o, context)`. */
const POST_PROCESS_SHA256 = 'ba56df689b45947b';

/** The method this shortcut replaces up front (the tree's is checked when the app's `Tree` appears). */
export const TREE_PROPERTY_TARGETS: readonly PatchTarget[] = [TO_CLOUDFORMATION];

const TYPE = 'aws:cdk:cloudformation:type';
const LOGICAL_ID = 'aws:cdk:cloudformation:logicalId';
const PROPS = 'aws:cdk:cloudformation:props';

/**
 * The properties as `resolve` walks them: arrays and objects copied key by key, down to tokens (objects with a `resolve`
 * method), dates and primitives, which are kept as they are and compared by identity (a date by its time too).
 */
type Shape = unknown;
class DateShape {
  constructor(readonly date: Date, readonly time: number) {}
}
const isToken = (value: object): boolean => typeof (value as { resolve?: unknown }).resolve === 'function';
const isStructure = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null
  && !Array.isArray(value) && !(value instanceof Date) && !isToken(value);

function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value instanceof Date) return new DateShape(value, value.getTime());
  if (isStructure(value)) return new Map(Object.keys(value).map((key) => [key, shapeOf(value[key])]));
  return value;
}

function sameShape(shape: Shape, value: unknown): boolean {
  if (Array.isArray(shape)) return Array.isArray(value) && value.length === shape.length && shape.every((item, index) => sameShape(item, value[index]));
  if (shape instanceof Map) {
    if (!isStructure(value)) return false;
    const keys = Object.keys(value);
    return keys.length === shape.size && [...shape].every(([key, item], index) => key === keys[index] && sameShape(item, value[key]));
  }
  if (shape instanceof DateShape) return value === shape.date && shape.date.getTime() === shape.time;
  return shape === value;
}

/** A string `resolve` returns as it is (aws-cdk-lib's own test in `_resolve`). */
const plainString = (value: unknown): value is string => typeof value === 'string'
  && !value.includes('Token[') && !(value.length >= 16 && value.includes('e+289'));

/** The resolved properties as the template's rendering left them, or their JSON when that rendering may change them. */
interface Resolved { readonly shape: Shape; readonly value?: unknown; readonly json?: string }

/**
 * Whether a resource class renders its properties with a generated converter, which builds new objects and reads,
 * never writes, the resolved properties (so they can be kept as they are rather than as JSON).
 */
const GENERATED_RENDERING = /^renderProperties\(props\)\{return convert\w+PropsToCloudFormation\(props\)\}$/;
interface PostResolveToken { readonly value: unknown; processor: (o: unknown, context: IResolveContext) => unknown }
type SynthAttributes = (this: unknown, construct: IConstruct) => unknown;

/** How tree.json's resources got their properties in the last synthesis with this shortcut installed (for tests). */
export const treePropertyCounts = { reused: 0, resolvedByLibrary: 0 };

/** Replaces `CfnResource._toCloudFormation` to keep each final resolution of the properties, and `synthAttributes` to use it. */
export function installTreePropertyMemo(): () => void {
  const toCloudFormation = (CfnResource.prototype as unknown as Record<string, (this: CfnResource) => unknown>)[TO_CLOUDFORMATION.name];
  const resolvedProps = new WeakMap<CfnResource, Resolved>();
  const generatedRendering = new WeakMap<object, boolean>();
  const rendersByConverter = (resource: CfnResource): boolean => {
    const render = (resource as unknown as { renderProperties: object }).renderProperties;
    let generated = generatedRendering.get(render);
    if (generated === undefined) {
      generated = GENERATED_RENDERING.test(Function.prototype.toString.call(render));
      generatedRendering.set(render, generated);
    }
    return generated;
  };
  let restoreTree: (() => void) | undefined;
  let treeLookedFor = false;
  treePropertyCounts.reused = 0;
  treePropertyCounts.resolvedByLibrary = 0;

  /** Whether the properties' token is the `ignoreEmpty` one this shortcut knows: its code checked on the first rendering. */
  let tokenVerified: boolean | undefined;

  /** The properties' token of one rendering, when it is the `ignoreEmpty` token this shortcut knows. */
  function propertiesToken(fragment: unknown): PostResolveToken | undefined {
    const resources = (fragment as { Resources?: Record<string, { value?: { Properties?: PostResolveToken } }> }).Resources;
    const resource = resources && Object.values(resources)[0];
    const token = resource?.value?.Properties;
    if (!token || typeof token.processor !== 'function') return undefined;
    // Every rendering's token comes from the same line of `_toCloudFormation` (its source checked), so one look suffices.
    tokenVerified ??= sourceHash(token.processor) === IGNORE_EMPTY_SHA256
      && sourceHash((Object.getPrototypeOf(token) as { postProcess?: unknown }).postProcess) === POST_PROCESS_SHA256;
    return tokenVerified ? token : undefined;
  }

  function keepResolution(this: CfnResource): unknown {
    if (!treeLookedFor) patchTree(this.node.root);
    const fragment = toCloudFormation.call(this);
    const token = restoreTree ? propertiesToken(fragment) : undefined;
    if (token) {
      const props = token.value;
      const processor = token.processor;
      token.processor = (resolved, context) => {
        // What the template's rendering may merge into the resolved properties afterwards is the resource's raw overrides.
        if (!context.preparing && Object.keys((this as unknown as { rawOverrides: object }).rawOverrides).length === 0) {
          try {
            resolvedProps.set(this, rendersByConverter(this)
              ? { shape: shapeOf(props), value: resolved } : { shape: shapeOf(props), json: JSON.stringify(resolved) });
          } catch {
            resolvedProps.delete(this);
          }
        }
        return processor(resolved, context);
      };
    }
    return fragment;
  }

  function patchTree(root: IConstruct): void {
    treeLookedFor = true;
    const tree = root.node.tryFindChild('Tree');
    const prototype = tree && Object.getPrototypeOf(tree) as Record<string, SynthAttributes>;
    if (!prototype || sourceHash(prototype.synthAttributes) !== SYNTH_ATTRIBUTES_SHA256) return;
    const synthAttributes = prototype.synthAttributes;
    restoreTree = replaceMethod(prototype, 'synthAttributes', function reuseResolution(this: unknown, construct: IConstruct) {
      const kept = CfnResource.isCfnResource(construct) ? resolvedProps.get(construct) : undefined;
      if (!kept) {
        if (CfnResource.isCfnResource(construct)) treePropertyCounts.resolvedByLibrary += 1;
        return synthAttributes.call(this, construct);
      }
      const inspector = new TreeInspector();
      (construct as unknown as { inspect(inspector: TreeInspector): void }).inspect(inspector);
      const attributes = inspector.attributes;
      const keys = Object.keys(attributes);
      if (keys.length === 3 && keys[0] === TYPE && keys[1] === LOGICAL_ID && keys[2] === PROPS && plainString(attributes[TYPE])
        && sameShape(kept.shape, attributes[PROPS])) {
        treePropertyCounts.reused += 1;
        // A logical id may be a token (an instance replaced when its user data changes): resolved as the library
        // would, as a key of the attributes, in their order; only the properties' resolution is taken from the template.
        const logicalId = plainString(attributes[LOGICAL_ID]) ? { [LOGICAL_ID]: attributes[LOGICAL_ID] }
          : Stack.of(construct).resolve({ [LOGICAL_ID]: attributes[LOGICAL_ID] }) as Record<string, unknown>;
        return { [TYPE]: attributes[TYPE], ...logicalId, [PROPS]: kept.json === undefined ? kept.value : JSON.parse(kept.json) as unknown };
      }
      treePropertyCounts.resolvedByLibrary += 1;
      // The properties changed since the template was written: the library's own resolution (which inspects again).
      return synthAttributes.call(this, construct);
    });
  }

  const restoreResource = replaceMethod(CfnResource.prototype, TO_CLOUDFORMATION.name, keepResolution);
  return () => {
    restoreResource();
    restoreTree?.();
  };
}
