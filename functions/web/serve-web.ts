import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { NotFound } from '../core/errors';
import { http } from '../http/handler';
import { reply } from '../http/reply';
import { routeKey } from '../http/route';
import { PAGE_HEADERS } from '../http/security-headers';
import { renderApiDocsPage } from './api-docs/api-docs-page';
import { loadAsset } from './assets';
import type { Lang } from './client/messages';
import { type PageName, renderPage } from './pages';
import { apiDocsPage, deeplinkPage, qrPage, verifyPage, walletPage, webAsset } from './routes';
import { readSignInConfig } from './sign-in-config';

// One function for the pages and their assets: they are small and change together, and one warm
// container serves a citizen's whole visit (page, script, style sheet).

const signIn = readSignInConfig();

const page = (name: PageName, lang: Lang | undefined, path: string) =>
  reply.text(
    200,
    'text/html; charset=utf-8',
    renderPage(name, lang ?? 'uk', path, signIn.oidc),
    signIn.headers,
  );

const handlers = {
  [routeKey(walletPage)]: http(walletPage, async ({ query }) => page('wallet', query.lang, '/wallet')),
  [routeKey(verifyPage)]: http(verifyPage, async ({ query }) => page('verify', query.lang, '/verify')),
  [routeKey(deeplinkPage)]: http(deeplinkPage, async ({ query, params }) =>
    page('deeplink', query.lang, `/d/${params.token}`),
  ),
  [routeKey(qrPage)]: http(qrPage, async ({ query, params }) =>
    page('qr', query.lang, `/q/${params.qrCode}`),
  ),
  [routeKey(apiDocsPage)]: http(apiDocsPage, async () =>
    reply.text(200, 'text/html; charset=utf-8', renderApiDocsPage(), PAGE_HEADERS),
  ),
  [routeKey(webAsset)]: http(webAsset, async ({ params, headers }) => {
    let asset: ReturnType<typeof loadAsset>;
    try {
      asset = loadAsset(params.file);
    } catch {
      asset = undefined; // not built into this bundle
    }
    if (!asset) throw new NotFound('asset');
    // Revalidated on every use (no-cache + ETag): a new deployment's script is picked up at once.
    const caching = {
      'cache-control': 'no-cache',
      etag: asset.etag,
      // The /verify page's service worker lives with the other assets but serves the page itself;
      // a worker runs under its script's CSP, and this one must fetch what it keeps.
      ...(params.file === 'verify-sw.js'
        ? {
            'service-worker-allowed': '/verify',
            'content-security-policy': "default-src 'none'; connect-src 'self'",
          }
        : {}),
    };
    if (headers['if-none-match'] === asset.etag)
      return { kind: 'reply', status: 304, headers: caching } as const;
    return reply.bytes(200, asset.contentType, asset.body, caching);
  }),
};

export const handler = (event: APIGatewayProxyEventV2, context: Context) => {
  const route = handlers[event.routeKey];
  if (!route) throw new Error(`No web route for ${event.routeKey}`);
  return route(event, context);
};
