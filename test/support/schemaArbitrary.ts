/**
 * fast-check arbitraries from the JSON schemas of the OpenAPI document, so every request schema
 * is fuzzed without writing a generator per route. Mostly values of the declared shape with
 * boundary cases (empty, too long, out of range, wrong enum); the caller mixes in arbitrary junk.
 * Hand-written because fast-check has no JSON-schema support and the schemas we emit use a small,
 * known subset (type, enum, const, anyOf/oneOf, properties/required, items, min/max, formats).
 */
import fc from 'fast-check';

export type JsonSchema = Record<string, unknown>;

export function schemaArbitrary(
  schema: JsonSchema | undefined,
  resolve: (ref: string) => JsonSchema,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.anything({ maxDepth: 1 });
  if (typeof schema.$ref === 'string') return schemaArbitrary(resolve(schema.$ref), resolve, depth + 1);
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((s) => schemaArbitrary(s, resolve, depth + 1)));
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...(schema.enum as unknown[])) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    );
  }
  const type = schema.type;
  if (Array.isArray(type))
    return fc.oneof(...type.map((t) => schemaArbitrary({ ...schema, type: t }, resolve, depth + 1)));
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1e6;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 1e6;
      const inRange =
        type === 'integer'
          ? fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, 2 ** 31)) })
          : fc.double({ min, max, noNaN: true });
      return fc.oneof(
        { weight: 5, arbitrary: inRange },
        { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, 0.5, -1, 2 ** 53) },
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schemaArbitrary(schema.items as JsonSchema | undefined, resolve, depth + 1);
      const maxItems = typeof schema.maxItems === 'number' ? Math.min(schema.maxItems + 1, 12) : 6;
      return fc.array(items, { maxLength: maxItems });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(properties))
        record[key] = schemaArbitrary(value, resolve, depth + 1);
      const keys = Object.keys(record);
      // Sometimes a required key is left out, to exercise "required" answers.
      return fc
        .record(record, { requiredKeys: keys.filter((k) => required.has(k)) })
        .chain((value) =>
          fc.oneof(
            { weight: 6, arbitrary: fc.constant(value) },
            { weight: 1, arbitrary: fc.constant(dropOne(value)) },
          ),
        );
    }
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

function dropOne(value: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(value);
  if (keys.length === 0) return value;
  const copy = { ...value };
  delete copy[keys[0]!];
  return copy;
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : 200;
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const format = schema.format;
  const shaped =
    format === 'uuid'
      ? fc.uuid()
      : format === 'email'
        ? fc.emailAddress()
        : format === 'date'
          ? fc
              .date({ min: new Date('1890-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
              .map((d) => d.toISOString().slice(0, 10))
          : format === 'date-time'
            ? fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
            : fc.string({ minLength, maxLength: Math.min(maxLength, 60), unit: 'grapheme' });
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        '<script>alert(1)</script>',
        "'; DROP TABLE customers; --",
        '\u0000',
        'x'.repeat(maxLength + 1),
      ),
    },
  );
}
