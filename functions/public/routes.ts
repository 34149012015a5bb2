import * as z from 'zod';
import { defineRoute } from '../http/route';

export const health = defineRoute({
  method: 'GET',
  path: '/health',
  operationId: 'getHealth',
  summary: 'Liveness check',
  tags: ['public'],
  auth: 'public',
  responses: { 200: { description: 'The API answers', schema: z.object({ status: z.literal('ok') }) } },
});

export const openapi = defineRoute({
  method: 'GET',
  path: '/openapi.json',
  operationId: 'getOpenApi',
  summary: 'This API as OpenAPI 3.1',
  tags: ['public'],
  auth: 'public',
  responses: { 200: { description: 'The OpenAPI document' } },
});
