// A complete docshare partner client (docs/partner-guide.md). Dependencies: `jose` and Node 20 built-ins.
//
//   DOCSHARE_API_URL=… DOCSHARE_API_KEY=dsk_… DOCSHARE_WEBHOOK_SECRET=whsec_… \
//   DOCSHARE_PRIVATE_JWK_FILE=partner-key.json DOCSHARE_BRANCH_ID=br_… DOCSHARE_OFFER_ID=of_… \
//   npx tsx docs/examples/partner-client.ts <13-digit barcode>
//
// Without these variables it uses the demo partner of the local runtime (`<DOCSHARE_DATA_DIR>/local.json`).
// It submits the barcode, receives the webhook (verifying its signature) on WEBHOOK_PORT (default 8787),
// or pulls the package when the request is delivered, decrypts it, checks every PDF's SHA-256 and writes
// the PDFs under ./received/<requestId>/.

import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  compactDecrypt,
  decodeProtectedHeader,
  importJWK,
  type JWK,
  type ProtectedHeaderParameters,
} from 'jose';

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

export interface PackageDocument {
  type: string;
  copyId: string;
  data: Record<string, unknown>;
  /** Base64 of the signed PDF. */
  pdf: string;
  /** Hex SHA-256 of the PDF bytes. */
  pdfSha256: string;
}

export interface DocsharePackage {
  requestId: string;
  partnerId: string;
  branchId: string;
  offerId: string;
  generatedAt: string;
  documents: PackageDocument[];
  /** Offered document types the citizen does not hold. */
  missing?: string[];
}

export type WebhookEvent =
  | { id: string; event: 'request.delivered'; requestId: string; package: string }
  | { id: string; event: 'request.declined' | 'request.expired' | 'consent.revoked'; requestId: string }
  | { id: string; event: 'request.failed'; requestId: string; reason: string };

// ---------------------------------------------------------------------------------------------------
// HTTP calls

async function call<T>(
  config: DocshareClientConfig,
  method: string,
  pathname: string,
  body?: unknown,
): Promise<{ status: number; body: T; contentType: string }> {
  const response = await fetch(config.apiUrl + pathname, {
    method,
    headers: {
      authorization: `Bearer ${config.apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (!response.ok) {
    const problem = contentType.includes('json') && text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const retryAfter = response.headers.get('retry-after');
    throw new DocshareApiError(
      response.status,
      String(problem.code ?? 'http_error'),
      problem,
      retryAfter === null ? undefined : Number(retryAfter),
    );
  }
  const parsed = contentType.includes('json') && text ? JSON.parse(text) : text;
  return { status: response.status, body: parsed as T, contentType };
}

/** `PUT /v1/partner/encryption-key`: the public half only (EC P-256 or RSA ≥ 2048). */
export async function registerEncryptionKey(config: DocshareClientConfig, publicJwk: JWK): Promise<void> {
  await call(config, 'PUT', '/v1/partner/encryption-key', { jwk: publicJwk });
}

/**
 * `POST /v1/partner/document-requests`. Idempotent by requestId: network failures and 5xx answers are
 * retried with the same requestId and body, which docshare answers with the same 202.
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
      return (await call<SubmittedRequest>(config, 'POST', '/v1/partner/document-requests', body)).body;
    } catch (error) {
      const retryable = !(error instanceof DocshareApiError) || error.status >= 500;
      if (!retryable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
  }
}

/** `GET /v1/partner/requests/{requestId}`. */
export async function getRequest(config: DocshareClientConfig, requestId: string): Promise<PartnerRequest> {
  return (await call<PartnerRequest>(config, 'GET', `/v1/partner/requests/${encodeURIComponent(requestId)}`))
    .body;
}

/** `GET /v1/partner/requests/{requestId}/package`: the JWE, or undefined while there is none yet (404). */
export async function pullPackage(
  config: DocshareClientConfig,
  requestId: string,
): Promise<string | undefined> {
  try {
    const answer = await call<string>(
      config,
      'GET',
      `/v1/partner/requests/${encodeURIComponent(requestId)}/package`,
    );
    if (!answer.contentType.startsWith('application/jose'))
      throw new Error(`Unexpected ${answer.contentType}`);
    return answer.body;
  } catch (error) {
    if (error instanceof DocshareApiError && error.status === 404) return undefined;
    throw error; // 410 gone: past the retention period
  }
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
  const response = await fetch(`${apiUrl}/v1/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/pdf' },
    body: pdf,
  });
  if (!response.ok) throw new Error(`POST /v1/verify answered ${response.status}`);
  return (await response.json()) as Awaited<ReturnType<typeof verifyCopyOnline>>;
}

// ---------------------------------------------------------------------------------------------------
// Webhook signature, decryption, integrity

/**
 * Checks `Docshare-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` over the
 * raw body exactly as received (not re-serialized JSON), in constant time, refusing stale timestamps.
 */
export function verifyWebhookSignature(
  secret: string,
  rawBody: string | Buffer,
  header: string | undefined,
  nowSeconds = Date.now() / 1000,
  toleranceSeconds = 300,
): boolean {
  if (!header) return false;
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't') timestamp = value;
    if (key === 'v1' && value) signatures.push(value);
  }
  if (!timestamp || !/^\d+$/.test(timestamp) || signatures.length === 0) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret)
    .update(`${timestamp}.`)
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest();
  return signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const KEY_ALGORITHMS = { EC: 'ECDH-ES+A256KW', RSA: 'RSA-OAEP-256' } as const;

/**
 * Decrypts a package with the partner's private JWK(s). With several keys (during a key rotation) the
 * one whose `kid` matches the JWE header is used. Then checks every PDF against its `pdfSha256`.
 */
export async function decryptPackage(
  jwe: string,
  privateJwks: JWK | JWK[],
): Promise<{ header: ProtectedHeaderParameters; pkg: DocsharePackage }> {
  const keys = Array.isArray(privateJwks) ? privateJwks : [privateJwks];
  const { kid } = decodeProtectedHeader(jwe);
  const jwk = keys.find((key) => key.kid === kid) ?? (keys.length === 1 ? keys[0] : undefined);
  if (!jwk) throw new Error(`No private key with kid ${String(kid)}`);
  const alg = KEY_ALGORITHMS[jwk.kty as keyof typeof KEY_ALGORITHMS];
  if (!alg) throw new Error(`Unsupported key type ${String(jwk.kty)}`);
  const key = await importJWK(jwk, alg);
  const { plaintext, protectedHeader } = await compactDecrypt(jwe, key, {
    keyManagementAlgorithms: [alg],
    contentEncryptionAlgorithms: ['A256GCM'],
  });
  const pkg = JSON.parse(new TextDecoder().decode(plaintext)) as DocsharePackage;
  checkPdfHashes(pkg);
  return { header: protectedHeader, pkg };
}

/** Throws when a document's PDF does not match its pdfSha256; returns the PDFs' bytes. */
export function checkPdfHashes(pkg: DocsharePackage): Buffer[] {
  return pkg.documents.map((document) => {
    const pdf = Buffer.from(document.pdf, 'base64');
    const actual = createHash('sha256').update(pdf).digest();
    const expected = Buffer.from(document.pdfSha256, 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(actual, expected)) {
      throw new Error(`The PDF of copy ${document.copyId} does not match its pdfSha256`);
    }
    return pdf;
  });
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
