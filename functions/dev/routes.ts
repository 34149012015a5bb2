import * as z from 'zod';
import { problems } from '../http/problem-schema';
import { defineRoute } from '../http/route';
import { LANGS } from '../web/client/messages';

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

// The dev identity provider's OpenID Connect code flow with PKCE, the same flow the pages run against
// a real provider (docs/architecture.md, "Sign-in"). Lenient strings with bounds here; the OAuth
// rules (which refusal goes back to the client, which is shown here) live in the handlers.
const text = (max: number) => z.string().max(max);
const authorizationParams = {
  client_id: text(200),
  redirect_uri: text(2000),
  response_type: text(40).optional(),
  scope: text(200).optional(),
  state: text(500).optional(),
  code_challenge: text(200).optional(),
  code_challenge_method: text(20).optional(),
  nonce: text(200).optional(),
};
const html = { description: 'An HTML page', contentType: 'text/html', schema: z.string() };

export const authorizePage = defineRoute({
  method: 'GET',
  path: '/dev/authorize',
  operationId: 'devAuthorize',
  summary: 'Local only: the authorization endpoint: pick a seeded citizen to sign in as',
  tags: ['dev'],
  auth: 'public',
  query: z.object({
    ...authorizationParams,
    ui_locales: text(100).optional(),
    lang: z.enum(LANGS).optional(),
  }),
  responses: {
    200: html,
    303: { description: 'Refused: back to the client with `error`' },
    400: problems[400],
  },
});

export const authorize = defineRoute({
  method: 'POST',
  path: '/dev/authorize',
  operationId: 'devAuthorizeDecision',
  summary: 'Local only: the sign-in form’s answer; redirects back with a one-time code',
  tags: ['dev'],
  auth: 'public',
  bodyKind: 'form',
  maxBodyBytes: 8 * 1024,
  body: z.object({
    ...authorizationParams,
    citizen_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    decision: z.enum(['allow', 'deny']),
  }),
  responses: {
    303: { description: 'Back to redirect_uri with `code` and `state` (or `error`)' },
    400: problems[400],
    404: problems[404],
    413: problems[413],
    415: problems[415],
  },
});

export const token = defineRoute({
  method: 'POST',
  path: '/dev/token',
  operationId: 'devToken',
  summary: 'Local only: the token endpoint: a code and its PKCE verifier for an ID token',
  tags: ['dev'],
  auth: 'public',
  bodyKind: 'form',
  maxBodyBytes: 8 * 1024,
  // Unknown parameters are ignored, as RFC 6749 §3.2 asks of a token endpoint.
  body: z.object({
    grant_type: text(100),
    code: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/),
    redirect_uri: text(2000),
    client_id: text(200),
    // RFC 7636 §4.1: 43–128 unreserved characters.
    code_verifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/),
  }),
  responses: {
    200: {
      description: 'Tokens (RFC 6749 §5.1, OpenID Connect Core §3.1.3.3)',
      schema: z.object({
        id_token: z.string(),
        access_token: z.string(),
        token_type: z.literal('Bearer'),
        expires_in: z.number(),
      }),
    },
    400: problems[400],
    413: problems[413],
    415: problems[415],
  },
});
