import { z } from 'zod';
import { problems } from '../http/problem-schema';
import { defineRoute } from '../http/route';

// Routes of the dev identity provider. They exist only in the stack the local runtime synthesizes
// (context docshare:local=true), never in a deployed one, and are not part of the public OpenAPI.

export const citizenToken = defineRoute({
  method: 'POST',
  path: '/dev/citizen-token',
  operationId: 'devCitizenToken',
  summary: 'Local only: a signed citizen token for a seeded citizen',
  tags: ['dev'],
  auth: 'public',
  body: z.strictObject({ citizenId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  successStatus: 200,
  responses: {
    200: { description: 'A citizen JWT', schema: z.object({ token: z.string() }) },
    400: problems[400],
    404: problems[404],
  },
});

export const citizens = defineRoute({
  method: 'GET',
  path: '/dev/citizens',
  operationId: 'devCitizens',
  summary: 'Local only: the seeded citizens one may sign in as (the web pages’ dev sign-in)',
  tags: ['dev'],
  auth: 'public',
  responses: {
    200: {
      description: 'Citizens',
      schema: z.object({ items: z.array(z.object({ citizenId: z.string(), fullName: z.string() })) }),
    },
  },
});

export const jwks = defineRoute({
  method: 'GET',
  path: '/dev/jwks.json',
  operationId: 'devJwks',
  summary: 'Local only: the dev identity provider’s public keys',
  tags: ['dev'],
  auth: 'public',
  responses: { 200: { description: 'JWKS' } },
});
