import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalPage } from './api-server';
import type { LocalJson } from './seed';

// The local start page: links to what a developer wants first. Only the local runtime serves it.
export function localPages(local: LocalJson): LocalPage {
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' || (request.url !== '/' && request.url !== '/index.html')) return false;
    const links = [
      ['/wallet', 'Citizen wallet (sign in as a demo citizen): documents, barcodes, requests, history'],
      ['/verify', 'Verify a copy (PDF upload or DS1: QR text)'],
      ['/openapi.json', 'OpenAPI document'],
      [`${local.awsEndpoint}/_aws/ses/inbox`, 'E-mail inbox of the embedded SES'],
      [`${local.awsEndpoint}/_aws/ses`, 'Sent e-mails as JSON (LocalStack shape)'],
    ];
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>docshare (local)</title></head><body><main><h1>docshare is running locally</h1><ul>${links
      .map(([href, label]) => `<li><a href="${href}">${label}</a></li>`)
      .join(
        '',
      )}</ul><p>A partner’s deep link (<code>POST /v1/partner/branches/{branchId}/offers/{offerId}/deeplinks</code>) opens at <code>/d/{token}</code>. Pages are Ukrainian; add <code>?lang=en</code> for English.</p><p>Demo partner and citizens (with their PINs): <code>local.json</code> in the data directory.</p></main></body></html>`;
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
    });
    response.end(html);
    return true;
  };
}
