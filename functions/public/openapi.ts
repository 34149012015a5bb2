import { http } from '../http/handler';
import { buildOpenApi } from '../http/openapi';
import { reply } from '../http/reply';
import { allRoutes } from '../routes';
import { openapi } from './routes';

// Built once per container from the same zod schemas that validate requests.
let document: string | undefined;

export const handler = http(openapi, async () => {
  document ??= JSON.stringify(buildOpenApi(allRoutes));
  return reply.text(200, 'application/json', document, { 'cache-control': 'public, max-age=300' });
});
