import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../../../functions/routes';
import { generateSchema, SCHEMA_FILE } from '../../../sdk/generate';

// The SDK's types are generated from the routes' OpenAPI document; a route changed without
// `npm run sdk` would leave partners with types that lie.

describe('the partner SDK', () => {
  it('has types in step with the OpenAPI document the service serves (run `npm run sdk` when not)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await generateSchema());
  }, 60_000);

  it('types every route of the API', () => {
    const schema = readFileSync(SCHEMA_FILE, 'utf8');
    for (const route of allRoutes) expect(schema, route.path).toContain(`"${route.path}": {`);
  });
});
