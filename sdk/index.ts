import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

// The docshare partner SDK: typed calls generated from the service's OpenAPI document
// (openapi-typescript types, openapi-fetch calls), plus the helpers OpenAPI cannot describe.
//
//   const docshare = createDocshareClient({ apiUrl, apiKey });
//   const { data, error } = await docshare.GET('/v1/partner/requests/{requestId}', {
//     params: { path: { requestId } },
//   });

export * from './helpers';
export type { components, paths } from './schema';

export interface DocshareClientOptions {
  /** Base URL of the API, without a trailing slash: https://api.docshare.example.org */
  apiUrl: string;
  /** `dsk_…`; leave out for the public routes (verification). */
  apiKey?: string;
  /** A fetch of your own (proxies, tests); the global one otherwise. */
  fetch?: typeof globalThis.fetch;
}

export type DocshareClient = Client<paths>;

/** A client whose every call carries the partner's API key as a bearer token. */
export function createDocshareClient(options: DocshareClientOptions): DocshareClient {
  const client = createClient<paths>({ baseUrl: options.apiUrl, fetch: options.fetch });
  const { apiKey } = options;
  if (apiKey) {
    client.use({
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${apiKey}`);
        return request;
      },
    });
  }
  return client;
}
