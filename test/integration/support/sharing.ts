import { randomUUID } from 'node:crypto';
import { compactDecrypt, importJWK } from 'jose';
import type { LocalRuntime } from '../../../local/runtime';
import { callApi } from './runtime';
import { eventually } from './webhook-receiver';

type Runtime = Pick<LocalRuntime, 'apiUrl' | 'local'>;

export async function createBranchAndOffer(
  runtime: Runtime,
  options: {
    callbackUrl?: string;
    documentTypes?: string[];
    apiKey?: string;
    accessDays?: number;
    purpose?: string;
  } = {},
) {
  const token = options.apiKey ?? runtime.local.partner.apiKey;
  const documentTypes = options.documentTypes ?? ['internal-passport', 'taxpayer-card'];
  const branch = await callApi(runtime, 'POST', '/v1/partner/branches', {
    token,
    body: {
      name: 'Відділення для тесту',
      email: 'test-branch@bank.example',
      address: 'м. Львів, пл. Ринок, 1',
      documentTypes,
      ...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}),
    },
  });
  if (branch.status !== 201) throw new Error(JSON.stringify(branch.body));
  const offer = await callApi(runtime, 'POST', `/v1/partner/branches/${branch.body.branchId}/offers`, {
    token,
    body: {
      name: 'Рахунок',
      purpose: options.purpose ?? 'Відкриття рахунку',
      documentTypes,
      accessDays: options.accessDays ?? 0,
    },
  });
  if (offer.status !== 201) throw new Error(JSON.stringify(offer.body));
  return { branchId: String(branch.body.branchId), offerId: String(offer.body.offerId) };
}

export function citizenOf(runtime: Runtime, citizenId: string) {
  return runtime.local.citizens.find((c) => c.citizenId === citizenId)!;
}

export async function mintBarcode(runtime: Runtime, citizenId: string, docId: string) {
  const answer = await callApi(runtime, 'POST', `/v1/me/documents/${docId}/barcodes`, {
    token: citizenOf(runtime, citizenId).token,
  });
  if (answer.status !== 201) throw new Error(JSON.stringify(answer.body));
  return String(answer.body.barcode);
}

export async function submitShare(
  runtime: Runtime,
  target: { branchId: string; offerId: string },
  citizenId = 'cit_demo_1',
  docId = 'doc_demo_1_passport',
  apiKey = runtime.local.partner.apiKey,
) {
  const barcode = await mintBarcode(runtime, citizenId, docId);
  const requestId = randomUUID();
  const answer = await callApi(runtime, 'POST', '/v1/partner/document-requests', {
    token: apiKey,
    body: { requestId, ...target, barcode },
  });
  return { requestId, barcode, answer };
}

export function approve(runtime: Runtime, requestId: string, citizenId = 'cit_demo_1', pin?: string) {
  const citizen = citizenOf(runtime, citizenId);
  return callApi(runtime, 'POST', `/v1/me/requests/${requestId}/approve`, {
    token: citizen.token,
    body: { pin: pin ?? citizen.pin },
  });
}

export function partnerRequest(runtime: Runtime, requestId: string, apiKey = runtime.local.partner.apiKey) {
  return callApi(runtime, 'GET', `/v1/partner/requests/${requestId}`, { token: apiKey });
}

/** What the partner does with a package: decrypt it with its private key. */
export async function decryptPackage(runtime: Runtime, jwe: string) {
  const key = await importJWK(runtime.local.partner.encryptionPrivateJwk as never, 'ECDH-ES+A256KW');
  const { plaintext, protectedHeader } = await compactDecrypt(jwe, key);
  return { header: protectedHeader, payload: JSON.parse(new TextDecoder().decode(plaintext)) };
}

/** What a pulling partner does once a request is delivered: fetch its package and decrypt it. */
export async function pulledPackage(runtime: Runtime, requestId: string, timeoutMs = 30_000) {
  await eventually(
    async () => (await partnerRequest(runtime, requestId)).body.status === 'delivered',
    timeoutMs,
  );
  const pulled = await fetch(`${runtime.apiUrl}/v1/partner/requests/${requestId}/package`, {
    headers: { authorization: `Bearer ${runtime.local.partner.apiKey}` },
  });
  return decryptPackage(runtime, await pulled.text());
}
