// A complete docshare partner client (docs/partner-guide.md), on the docshare SDK (sdk/: typed calls
// generated from the OpenAPI document with openapi-typescript and openapi-fetch, plus jose).
//
//   DOCSHARE_API_URL=… DOCSHARE_API_KEY=dsk_… DOCSHARE_WEBHOOK_SECRET=whsec_… \
//   DOCSHARE_PRIVATE_JWK_FILE=partner-key.json DOCSHARE_BRANCH_ID=br_… DOCSHARE_OFFER_ID=of_… \
//   npx tsx docs/examples/partner-client.ts <13-digit barcode>
//
// Without these variables it uses the demo partner of the local runtime (`<DOCSHARE_DATA_DIR>/local.json`).
// It submits the barcode, receives the webhook (verifying its signature) on WEBHOOK_PORT (default 8787),
// or pulls the package when the request is delivered, decrypts it, checks every PDF's SHA-256 and writes
// the PDFs under ./received/<requestId>/.

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JWK } from 'jose';
import {
  checkPdfHashes,
  createDocshareClient,
  type DocshareClient,
  type DocsharePackage,
  decryptPackage,
  verifyWebhookSignature,
} from '../../sdk';

export type { DocsharePackage, PackageDocument } from '../../sdk';
export { checkPdfHashes, decryptPackage, verifyWebhookSignature };

export interface DocshareClientConfig {
  /** Base URL of the API, without a trailing slash: https://api.docshare.example.org */
  apiUrl: string;
  /** `dsk_…`, from the operator (`npm run admin -- partner create …`). */
  apiKey: string;
}

/** An RFC 9457 problem answered by docshare (`code` is the stable, machine-readable part). */
export class DocshareApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly problem: Record<string, unknown>,
    /** Seconds to wait, from `Retry-After` (429 `rate_limited`). */
    readonly retryAfter?: number,
  ) {
    super(`docshare answered ${status} ${code}: ${String(problem.detail ?? problem.title ?? '')}`);
    this.name = 'DocshareApiError';
  }
}

export type RequestStatus = 'pending_consent' | 'approved' | 'delivered' | 'declined' | 'expired' | 'failed';

export interface SubmittedRequest {
  requestId: string;
  status: 'pending_consent';
  expiresAt: string;
}

export interface PartnerRequest {
  requestId: string;
  status: RequestStatus;
  branchId: string;
  offerId: string;
  documentTypes: string[];
  createdAt: string;
  expiresAt: string;
  decidedAt?: string;
  deliveredAt?: string;
  deliveryStatus?: 'pending' | 'retrying' | 'delivered' | 'failed' | 'pull_only';
  failureReason?: string;
  missingDocumentTypes?: string[];
}

export type WebhookEvent =
  | { id: string; event: 'request.delivered'; requestId: string; package: string }
  | { id: string; event: 'request.declined' | 'request.expired' | 'consent.revoked'; requestId: string }
  | { id: string; event: 'request.failed'; requestId: string; reason: string };

// ---------------------------------------------------------------------------------------------------
// HTTP calls

// The SDK's typed client (sdk/: generated from the service's OpenAPI document), one per config.
const clients = new WeakMap<DocshareClientConfig, DocshareClient>();
function clientOf(config: DocshareClientConfig): DocshareClient {
  let client = clients.get(config);
  if (!client) {
    client = createDocshareClient({ apiUrl: config.apiUrl, apiKey: config.apiKey });
    clients.set(config, client);
  }
  return client;
}

/** Throws a DocshareApiError for a problem answer; returns the data otherwise. */
function unwrap<T>(answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.response.ok) return answer.data as T;
  const problem = (typeof answer.error === 'object' && answer.error !== null ? answer.error : {}) as Record<
    string,
    unknown
  >;
  const retryAfter = answer.response.headers.get('retry-after');
  throw new DocshareApiError(
    answer.response.status,
    String(problem.code ?? 'http_error'),
    problem,
    retryAfter === null ? undefined : Number(retryAfter),
  );
}

const timeout = () => AbortSignal.timeout(30_000);

/** `PUT /v1/partner/encryption-key`: the public half only (EC P-256 or RSA ≥ 2048). */
export async function registerEncryptionKey(config: DocshareClientConfig, publicJwk: JWK): Promise<void> {
  unwrap(
    await clientOf(config).PUT('/v1/partner/encryption-key', {
      body: { jwk: publicJwk as never },
      signal: timeout(),
    }),
  );
}

/**
 * `POST /v1/partner/document-requests`. Idempotent by requestId: network failures, 5xx and 429
 * answers are retried with the same requestId and body (after Retry-After when given), which
 * docshare answers with the same 202.
 */
export async function submitBarcode(
  config: DocshareClientConfig,
  input: { branchId: string; offerId: string; barcode: string; requestId?: string },
  attempts = 3,
): Promise<SubmittedRequest> {
  const body = {
    requestId: input.requestId ?? randomUUID(),
    branchId: input.branchId,
    offerId: input.offerId,
    barcode: input.barcode.trim(),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await clientOf(config).POST('/v1/partner/document-requests', {
        body,
        signal: timeout(),
      });
      return unwrap(answer) as SubmittedRequest;
    } catch (error) {
      const retryable = !(error instanceof DocshareApiError) || error.status >= 500 || error.status === 429;
      if (!retryable || attempt >= attempts) throw error;
      const wait =
        error instanceof DocshareApiError && error.retryAfter ? error.retryAfter * 1000 : 500 * 2 ** attempt;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** `GET /v1/partner/requests/{requestId}`. */
export async function getRequest(config: DocshareClientConfig, requestId: string): Promise<PartnerRequest> {
  const answer = await clientOf(config).GET('/v1/partner/requests/{requestId}', {
    params: { path: { requestId } },
    signal: timeout(),
  });
  return unwrap(answer) as PartnerRequest;
}

/**
 * `GET /v1/partner/requests/{requestId}/package`: the JWE, or undefined while there is none yet (404).
 * A package over 5 MB answers 303 to a presigned S3 URL, which fetch follows (without the API key).
 */
export async function pullPackage(
  config: DocshareClientConfig,
  requestId: string,
): Promise<string | undefined> {
  const answer = await clientOf(config).GET('/v1/partner/requests/{requestId}/package', {
    params: { path: { requestId } },
    parseAs: 'text',
    signal: timeout(),
  });
  if (answer.response.status === 404) return undefined;
  const jwe = unwrap(answer) as unknown as string; // 410 gone: past the retention period
  const contentType = answer.response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('application/jose')) throw new Error(`Unexpected ${contentType}`);
  return jwe;
}

/** `POST /v1/verify`: docshare's own check of a copy's signature and status (public, no API key). */
export async function verifyCopyOnline(
  apiUrl: string,
  pdf: Uint8Array,
): Promise<{
  signature: 'valid' | 'invalid' | 'missing';
  modified: boolean;
  copy?: Record<string, unknown>;
}> {
  const answer = await createDocshareClient({ apiUrl }).POST('/v1/verify', {
    body: pdf as never,
    bodySerializer: (body) => body as unknown as string,
    headers: { 'content-type': 'application/pdf' },
    signal: timeout(),
  });
  if (!answer.response.ok) throw new Error(`POST /v1/verify answered ${answer.response.status}`);
  return answer.data as Awaited<ReturnType<typeof verifyCopyOnline>>;
}

/** Writes `<dir>/<requestId>/<type>-<copyId>.pdf` and `data.json` (the structured fields). */
export async function writePdfs(pkg: DocsharePackage, dir: string): Promise<string[]> {
  const safe = (value: string) => {
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(value)) throw new Error(`Unexpected id ${JSON.stringify(value)}`);
    return value;
  };
  const folder = path.join(dir, safe(pkg.requestId));
  await mkdir(folder, { recursive: true });
  const pdfs = checkPdfHashes(pkg);
  const files: string[] = [];
  for (const [index, document] of pkg.documents.entries()) {
    const file = path.join(folder, `${safe(document.type)}-${safe(document.copyId)}.pdf`);
    await writeFile(file, pdfs[index]!, { mode: 0o600 });
    files.push(file);
  }
  const data = pkg.documents.map(({ type, copyId, data }) => ({ type, copyId, data }));
  await writeFile(path.join(folder, 'data.json'), JSON.stringify(data, null, 2), { mode: 0o600 });
  return files;
}

// ---------------------------------------------------------------------------------------------------
// Webhook receiver

export interface ReceivedEvent {
  event: WebhookEvent['event'];
  /** The same for every retry of one event: handle each id once. */
  eventId: string;
  requestId: string;
  /** Decrypted and hash-checked, for `request.delivered`. */
  pkg?: DocsharePackage;
}

export interface WebhookServerOptions {
  webhookSecret: string;
  privateJwks: JWK | JWK[];
  /** Called once the signature is verified (and the package decrypted); throw to make docshare retry. */
  onEvent(event: ReceivedEvent): Promise<void> | void;
  port?: number;
  host?: string;
  path?: string;
}

const MAX_WEBHOOK_BYTES = 32 * 1024 * 1024;
/** Event ids handled lately. A signature is accepted for 5 minutes; ids are kept far longer than that. */
const REMEMBERED_EVENTS = 10_000;

/** An HTTP endpoint for a branch's callbackUrl. Answers 204 once handled, 401 to a bad signature. */
export async function startWebhookServer(
  options: WebhookServerOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const hookPath = options.path ?? '/docshare/webhook';
  const handled = new Set<string>();
  const server = createServer((request, response) => {
    handleWebhook(request, response, options, hookPath, handled).catch((error: unknown) => {
      console.error('webhook handling failed:', error instanceof Error ? error.message : error);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}${hookPath}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handleWebhook(
  request: IncomingMessage,
  response: ServerResponse,
  options: WebhookServerOptions,
  hookPath: string,
  handled: Set<string>,
): Promise<void> {
  if (request.method !== 'POST' || new URL(request.url ?? '/', 'http://x').pathname !== hookPath) {
    response.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_WEBHOOK_BYTES) {
      response.writeHead(413).end();
      return;
    }
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  const signature = request.headers['docshare-signature'];
  if (
    !verifyWebhookSignature(options.webhookSecret, raw, typeof signature === 'string' ? signature : undefined)
  ) {
    response.writeHead(401).end();
    return;
  }
  const body = JSON.parse(raw.toString('utf8')) as WebhookEvent;
  if (
    body.requestId !== request.headers['docshare-request-id'] ||
    body.event !== request.headers['docshare-event'] ||
    typeof body.id !== 'string' ||
    body.id !== request.headers['docshare-event-id']
  ) {
    response.writeHead(400).end();
    return;
  }
  // A retry whose answer was lost, or a replay of a captured call within the signature's 5 minutes:
  // acknowledge it (so retries stop) without handling it twice.
  if (handled.has(body.id)) {
    response.writeHead(204).end();
    return;
  }
  const received: ReceivedEvent = { event: body.event, eventId: body.id, requestId: body.requestId };
  if (body.event === 'request.delivered') {
    received.pkg = (await decryptPackage(body.package, options.privateJwks)).pkg;
    if (received.pkg.requestId !== body.requestId) throw new Error('The package is for another request');
  }
  await options.onEvent(received);
  handled.add(body.id);
  if (handled.size > REMEMBERED_EVENTS) handled.delete(handled.values().next().value!);
  response.writeHead(204).end();
}

// ---------------------------------------------------------------------------------------------------
// The program

interface LocalJson {
  apiUrl: string;
  partner: {
    apiKey: string;
    webhookSecret?: string;
    encryptionPrivateJwk?: JWK;
    branchId?: string;
    offerId?: string;
  };
}

function settings() {
  const env = process.env;
  const localPath = path.resolve(env.DOCSHARE_DATA_DIR ?? '.docshare', 'local.json');
  const local = existsSync(localPath)
    ? (JSON.parse(readFileSync(localPath, 'utf8')) as LocalJson)
    : undefined;
  const need = <T>(value: T | undefined, name: string): T => {
    if (!value) throw new Error(`Set ${name} (or start the local runtime: npm start)`);
    return value;
  };
  const jwkFile = env.DOCSHARE_PRIVATE_JWK_FILE;
  return {
    config: {
      apiUrl: need(env.DOCSHARE_API_URL ?? local?.apiUrl, 'DOCSHARE_API_URL'),
      apiKey: need(env.DOCSHARE_API_KEY ?? local?.partner.apiKey, 'DOCSHARE_API_KEY'),
    },
    webhookSecret: env.DOCSHARE_WEBHOOK_SECRET ?? local?.partner.webhookSecret,
    privateJwk: need(
      jwkFile ? (JSON.parse(readFileSync(jwkFile, 'utf8')) as JWK) : local?.partner.encryptionPrivateJwk,
      'DOCSHARE_PRIVATE_JWK_FILE',
    ),
    branchId: need(env.DOCSHARE_BRANCH_ID ?? local?.partner.branchId, 'DOCSHARE_BRANCH_ID'),
    offerId: need(env.DOCSHARE_OFFER_ID ?? local?.partner.offerId, 'DOCSHARE_OFFER_ID'),
    webhookPort: Number(env.WEBHOOK_PORT ?? 8787),
    outDir: path.resolve(env.OUT_DIR ?? 'received'),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function main(barcode: string | undefined): Promise<string[]> {
  if (!barcode) throw new Error('usage: npx tsx docs/examples/partner-client.ts <barcode>');
  const s = settings();
  const delivered = new Map<string, string[]>(); // requestId → files written from a webhook
  const webhook = s.webhookSecret
    ? await startWebhookServer({
        webhookSecret: s.webhookSecret,
        privateJwks: s.privateJwk,
        port: s.webhookPort,
        async onEvent(event) {
          console.log(`webhook: ${event.event} for ${event.requestId}`);
          if (event.pkg && !delivered.has(event.requestId)) {
            delivered.set(event.requestId, await writePdfs(event.pkg, s.outDir));
          }
        },
      })
    : undefined;
  if (webhook) console.log(`Webhook receiver on ${webhook.url} (a branch's callbackUrl may point here)`);
  try {
    const submitted = await submitBarcode(s.config, { branchId: s.branchId, offerId: s.offerId, barcode });
    const { requestId } = submitted;
    console.log(`Request ${requestId}: ${submitted.status} until ${submitted.expiresAt}; waiting…`);
    for (;;) {
      const fromWebhook = delivered.get(requestId);
      if (fromWebhook) return fromWebhook;
      await sleep(1000);
      const request = await getRequest(s.config, requestId);
      if (request.status === 'declined' || request.status === 'expired' || request.status === 'failed') {
        throw new Error(`Request ${requestId} is ${request.status} ${request.failureReason ?? ''}`.trim());
      }
      // With a callbackUrl, `delivered` means the webhook was accepted. The package can be pulled as
      // soon as it is built, so pull when the webhook cannot get through (or there is no callbackUrl).
      const pull =
        request.status === 'delivered' || ['retrying', 'failed'].includes(request.deliveryStatus ?? '');
      const jwe = pull ? await pullPackage(s.config, requestId) : undefined;
      if (jwe) return writePdfs((await decryptPackage(jwe, s.privateJwk)).pkg, s.outDir);
    }
  } finally {
    await webhook?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv[2]).then(
    (files) => console.log(`Saved:\n  ${files.join('\n  ')}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
