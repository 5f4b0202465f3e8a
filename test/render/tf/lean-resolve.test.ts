import { DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformIterator, TerraformLocal, TerraformStack, TerraformVariable, Token, Tokenization } from 'cdktf';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { inMemoryApp } from '../../../lib/render/tf/in-memory-app';
import { withCdktfShortcuts } from '../../../lib/render/tf/synthesis/cdktf-shortcuts';

// The port of cdktf's resolver must return what cdktf's returns, and throw what it throws, for every kind of
// value and token cdktf knows, not only those the examples hold.
const stack = new TerraformStack(inMemoryApp(), 'stack');
const topic = new SnsTopic(stack, 'topic', { name: 'orders' });
const variable = new TerraformVariable(stack, 'names', { type: 'list(string)' });
const local = new TerraformLocal(stack, 'settings', { a: 1 });
const iterator = TerraformIterator.fromList(variable.listValue);
const ports = TerraformIterator.fromList(Token.asNumberList(variable.value));
const group = new SecurityGroup(stack, 'group', {
  name: 'web',
  ingress: ports.dynamic({ fromPort: Token.asNumber(ports.value), toPort: Token.asNumber(ports.value), protocol: 'tcp', description: `from ${topic.name}` }),
  lifecycle: { createBeforeDestroy: true, ignoreChanges: ['tags'] },
  dependsOn: [topic],
});

function deep(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level += 1) value = { nested: value };
  return value;
}

const CASES: readonly (readonly [string, () => unknown])[] = [
  ['plain data, undefined properties and list elements', () => ({ a: 1, b: undefined, c: [1, undefined, 'x', true, null], d: { e: { f: -2.5 } }, g: new Date(0) })],
  ['strings with number-like parts', () => ['ami-0e12345', '1e5', 'a-e-1', '3.5e+10 and -2e-3', 'see ${aws_x.y.id}', 'String Map Tokens']],
  ['attribute references, alone and inside strings', () => ({ arn: topic.arn, policy: `arn is ${topic.arn}, id ${topic.id}`, list: [topic.arn, `x-${topic.name}`] })],
  ['functions with escapes and nested tokens', () => ({
    join: Fn.join(',', [topic.arn, 'b']),
    json: Fn.jsonencode({ a: topic.arn, b: '${literal}', c: [1, 2] }),
    lookup: Fn.lookup(local.asAnyMap, 'a', 'none'),
    format: Fn.format('%s-${x}', [topic.name]),
  })],
  ['number, list and map tokens', () => ({
    count: Token.asNumber(variable.value),
    inString: `n=${Token.asNumber(variable.value)}`,
    numbers: Token.asNumberList(variable.value),
    list: variable.listValue,
    map: Token.asStringMap(local.asAnyMap),
    keyed: { [Token.asString(topic.name)]: 'by token key' },
  })],
  ['lazy values producing tokens and nested objects', () => ({
    s: Lazy.stringValue({ produce: () => `${topic.arn}/lazy` }),
    any: Lazy.anyValue({ produce: () => ({ deep: [topic.id, { n: Token.asNumber(variable.value) }], gone: undefined }) }),
  })],
  ['dynamic blocks and for expressions (iterator context)', () => ({
    dynamic: iterator.dynamic({ name: iterator.value, arn: topic.arn }),
    forList: iterator.forExpressionForList(`upper(${iterator.value})`),
    forMap: iterator.forExpressionForMap(iterator.key, iterator.value),
  })],
  ['a resource with a dynamic block, meta-arguments and a lifecycle', () => group.toTerraform()],
  ['a path deeper than the resolver allows', () => deep(205)],
  ['a function', () => ({ f: () => 1 })],
  ['a construct', () => ({ c: topic })],
  ['an object shaped like an older construct', () => ({ c: { _children: {}, _metadata: [] } })],
  ['escapes in lazy values inside function calls (inherited escape settings)', () => ({
    lazy: Fn.jsonencode(Lazy.anyValue({ produce: () => ({ b: `${topic.arn}-\${literal}`, c: [`\${x}-${topic.id}`] }) })),
    plain: Lazy.anyValue({ produce: () => ({ b: `${topic.arn}-\${literal}` }) }),
    raw: `${topic.arn}-\${literal}`,
    // A token inside an escape loses its braces, unless the context ignores escapes (as a function call's does).
    escaped: `x-\${${topic.arn}}`,
    list: Fn.join(',', [`${topic.arn}-\${literal}`, `x-\${${topic.arn}}`]),
    lazyList: Fn.jsonencode(Lazy.anyValue({ produce: () => [`x-\${${topic.arn}}`] })),
  })],
  ['a map token value in a scalar string', () => ({ s: Token.STRING_MAP_TOKEN_VALUE })],
  ['a map token value as a number', () => ({ n: Token.NUMBER_MAP_TOKEN_VALUE })],
  ['a list token inside a string', () => ({ s: `a${Token.asList(variable.value)[0]}b` })],
];

/** The resolved value or the error, and what cdktf warned (it warns of escapes inside function calls). */
function resolved(value: () => unknown): unknown {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  // Each call makes its tokens anew, so their numbers differ between calls.
  const warnings = () => warn.mock.calls.map((args) => args.map((arg) => String(arg).replace(/TOKEN\.\d+/g, 'TOKEN.n')));
  try {
    return { value: Tokenization.resolve(value(), { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) }), warnings: warnings() };
  } catch (error) {
    return { error: (error as Error).message, warnings: warnings() };
  } finally {
    warn.mockRestore();
  }
}

describe('the lean token resolver', () => {
  it.each(CASES)('resolves %s as cdktf does', (_name, value) => {
    const expected = resolved(value);
    expect(withCdktfShortcuts(() => resolved(value))).toStrictEqual(expected);
  });

  it('is the one that runs inside the shortcuts, and cdktf’s own outside them', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require('cdktf/lib/tokens/private/resolve') as { resolve: unknown };
    const own = module.resolve;
    expect(withCdktfShortcuts(() => module.resolve)).not.toBe(own);
    expect(module.resolve).toBe(own);
  });
});
