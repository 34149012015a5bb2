// dynalite parses every expression of every request with its PEG parsers: about a fifth of its CPU
// under conditional writes. Applications send the same few expressions again and again with new
// values, so parses are cached by everything they depend on — the parser, the expression, the
// attribute names, and the names and top-level types of the attribute values — and each hit is a
// fresh copy of the tree with this request's value objects put back where the parser placed them.
//
// What the parsers check of a value is its top-level type only, except BETWEEN (compares the bounds)
// and attribute_type (reads the type name): expressions using them are never cached. Failed parses
// are not cached either, so every error is the parser's own.

type AttributeValue = Record<string, unknown>;

interface ParseContext {
  attrNames?: Record<string, string>;
  attrVals?: Record<string, AttributeValue>;
  unusedAttrNames?: Record<string, boolean>;
  unusedAttrVals?: Record<string, boolean>;
  isKeyCondition?: boolean;
}

interface Parser {
  parse(expression: string, options: { context: ParseContext }): unknown;
}

interface Cached {
  template: unknown;
  usedNames: string[];
  usedValues: string[];
}

const UNCACHEABLE = /between|attribute_type/i;
const MAX_ENTRIES = 5000;
const TYPES = ['S', 'N', 'B', 'NULL', 'BOOL', 'SS', 'NS', 'BS', 'L', 'M'];

/** A value's place in a cached tree. */
class Slot {
  constructor(readonly name: string) {}
}

const typeOf = (value: AttributeValue) => TYPES.find((type) => value?.[type] != null) ?? '?';

function cacheKey(parserId: string, expression: string, context: ParseContext): string {
  const values = Object.entries(context.attrVals ?? {}).map(([name, value]) => `${name}:${typeOf(value)}`);
  return [
    parserId,
    expression,
    JSON.stringify(context.attrNames ?? null),
    values.join(','),
    context.isKeyCondition ? 'key' : '',
  ].join('\u0000');
}

/** A deep copy of a parse tree in which `replace` may swap objects (values for slots, or back). */
function copyTree(node: unknown, replace: (object: object) => unknown | undefined): unknown {
  if (node === null || typeof node !== 'object') return node;
  const replaced = replace(node);
  if (replaced !== undefined) return replaced;
  if (Array.isArray(node)) return node.map((item) => copyTree(item, replace));
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = copyTree(value, replace);
  return copy;
}

export function cacheParses(parsers: Record<string, Parser>): void {
  const cache = new Map<string, Cached>();
  for (const [parserId, parser] of Object.entries(parsers)) {
    const parse = parser.parse.bind(parser);
    parser.parse = (expression, options) => {
      const context = options.context;
      if (UNCACHEABLE.test(expression)) return parse(expression, options);
      const key = cacheKey(parserId, expression, context);
      const hit = cache.get(key);
      if (hit) {
        for (const name of hit.usedNames) delete context.unusedAttrNames?.[name];
        for (const name of hit.usedValues) delete context.unusedAttrVals?.[name];
        const values = context.attrVals ?? {};
        return copyTree(hit.template, (object) => (object instanceof Slot ? values[object.name] : undefined));
      }
      const namesBefore = Object.keys(context.unusedAttrNames ?? {});
      const valuesBefore = Object.keys(context.unusedAttrVals ?? {});
      const result = parse(expression, options); // throws on a syntax or semantic error: not cached
      if (result === null || typeof result !== 'object') return result;
      const slots = new Map<object, Slot>(
        Object.entries(context.attrVals ?? {}).map(([name, value]) => [value, new Slot(name)]),
      );
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      cache.set(key, {
        template: copyTree(result, (object) => slots.get(object)),
        usedNames: namesBefore.filter((name) => !(name in (context.unusedAttrNames ?? {}))),
        usedValues: valuesBefore.filter((name) => !(name in (context.unusedAttrVals ?? {}))),
      });
      return result;
    };
  }
}
