import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { MiB, type RouteSpec } from './route';

// OpenAPI 3.1 from the route specs: the same zod schemas validate requests and document them.

export function buildOpenApi(routes: RouteSpec[]) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const operation: ZodOpenApiOperationObject = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [...route.tags],
      security:
        route.auth === 'public'
          ? []
          : [{ [route.auth === 'partner' ? 'partnerApiKey' : 'citizenToken']: [] }],
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.schema
              ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } }
              : {}),
          },
        ]),
      ),
    };
    if (route.params || route.query) {
      operation.requestParams = {
        ...(route.params ? { path: route.params as never } : {}),
        ...(route.query ? { query: route.query as never } : {}),
      };
    }
    if (route.body) {
      const mediaType = route.bodyKind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
      operation.requestBody = { required: true, content: { [mediaType]: { schema: route.body } } };
    } else if (route.bodyKind === 'pdf') {
      const limit = route.maxBodyBytes ?? MiB;
      operation.requestBody = {
        required: true,
        description: `The PDF, at most ${limit} bytes (${(limit / MiB).toFixed(0)} MiB): what a Lambda behind HTTP API can receive once API Gateway base64-encodes it. Larger: 413.`,
        content: {
          'application/pdf': { schema: { type: 'string', format: 'binary', maxLength: limit } },
        },
      };
    }
    const method = route.method.toLowerCase() as 'get';
    paths[route.path] = { ...paths[route.path], [method]: operation };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'docshare API',
      version: '1.0.0',
      description: 'Consent-based sharing of signed copies of citizens’ digital documents.',
    },
    components: {
      securitySchemes: {
        partnerApiKey: { type: 'http', scheme: 'bearer', description: 'Partner API key (`dsk_…`)' },
        citizenToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Citizen JWT' },
      },
    },
    paths,
  });
}
