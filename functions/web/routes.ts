import * as z from 'zod';
import { problems } from '../http/problem-schema';
import { defineRoute } from '../http/route';
import { LANGS } from './client/messages';

// The citizen and verifier web pages, served by one Lambda through the same API (docs/architecture.md,
// "Web pages"). Public: the pages hold no data; their script calls the API with the citizen's token.

const base = { tags: ['web'], auth: 'public' } as const;
// Lenient on purpose: a page opened with tracking parameters still opens; only `lang` is read.
const pageQuery = z.object({ lang: z.enum(LANGS).optional() });
const html = {
  description: 'The page (Ukrainian unless ?lang=en)',
  contentType: 'text/html',
  schema: z.string(),
};

export const walletPage = defineRoute({
  ...base,
  method: 'GET',
  path: '/wallet',
  operationId: 'getWalletPage',
  summary: 'Web page: the citizen’s documents, barcodes, pending requests and history',
  query: pageQuery,
  responses: { 200: html, 400: problems[400] },
});

export const deeplinkPage = defineRoute({
  ...base,
  method: 'GET',
  path: '/d/{token}',
  operationId: 'getDeeplinkPage',
  summary: 'Web page: where a partner’s deep link lands; the citizen approves with the PIN',
  params: z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/) }),
  query: pageQuery,
  responses: { 200: html, 400: problems[400] },
});

export const qrPage = defineRoute({
  ...base,
  method: 'GET',
  path: '/q/{qrCode}',
  operationId: 'getQrPage',
  summary: 'Web page: where an organisation’s poster QR lands; the citizen shares with the PIN',
  params: z.strictObject({ qrCode: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/) }),
  query: pageQuery,
  responses: { 200: html, 400: problems[400] },
});

export const verifyPage = defineRoute({
  ...base,
  method: 'GET',
  path: '/verify',
  operationId: 'getVerifyPage',
  summary: 'Web page: verify a copy by its PDF or its QR text',
  query: pageQuery,
  responses: { 200: html, 400: problems[400] },
});

export const apiDocsPage = defineRoute({
  ...base,
  method: 'GET',
  path: '/docs',
  operationId: 'getApiDocsPage',
  summary: 'Web page: this API reference, rendered from /openapi.json',
  query: z.object({}),
  responses: { 200: { ...html, description: 'The page' } },
});

export const webAsset = defineRoute({
  ...base,
  method: 'GET',
  path: '/assets/{file}',
  operationId: 'getWebAsset',
  summary: 'The pages’ script and style sheet',
  params: z.strictObject({ file: z.string().regex(/^[a-z0-9-]{1,40}\.(js|css)$/) }),
  responses: {
    200: {
      description:
        'A script (app.js; verify.js and its service worker verify-sw.js for /verify; api-docs.js and swagger-ui.js for /docs) or style sheet (app.css, swagger-ui.css)',
      contentType: 'text/javascript',
      schema: z.string(),
    },
    304: { description: 'Not modified' },
    400: problems[400],
    404: problems[404],
  },
});
