import { randomUUID } from 'node:crypto';
import { InvalidRequest, NotFound } from '../errors';
import { InvalidJwk, parsePartnerPublicJwk } from '../keys/partner-jwk';
import { generateApiKey, hashApiKey, randomBase62 } from './api-keys';
import type { DocumentTypeName, Partner, PartnerStore } from './partner';

// Operator and partner use cases around a partner's credentials. The API key and the webhook
// secret are returned once, when made, and never again: only the key's hash is stored, and the
// secret only KMS-encrypted.

export const generateWebhookSecret = () => `whsec_${randomBase62(40)}`;

export async function createPartner(
  store: PartnerStore,
  input: { name: string; documentTypes: DocumentTypeName[]; now?: Date },
): Promise<{ partner: Partner; apiKey: string; webhookSecret: string }> {
  const partner: Partner = {
    partnerId: `ptn_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
    name: input.name,
    documentTypes: [...new Set(input.documentTypes)],
    createdAt: (input.now ?? new Date()).toISOString(),
  };
  const apiKey = generateApiKey();
  const webhookSecret = generateWebhookSecret();
  await store.create(partner, hashApiKey(apiKey), webhookSecret);
  return { partner, apiKey, webhookSecret };
}

export async function rotatePartnerApiKey(
  store: PartnerStore,
  partnerId: string,
): Promise<{ apiKey: string }> {
  if (!(await store.get(partnerId))) throw new NotFound('partner');
  const apiKey = generateApiKey();
  await store.replaceApiKey(partnerId, hashApiKey(apiKey));
  return { apiKey };
}

export async function rotateWebhookSecret(
  store: PartnerStore,
  partnerId: string,
): Promise<{ webhookSecret: string }> {
  if (!(await store.get(partnerId))) throw new NotFound('partner');
  const webhookSecret = generateWebhookSecret();
  await store.setWebhookSecret(partnerId, webhookSecret);
  return { webhookSecret };
}

export async function registerEncryptionKey(
  store: PartnerStore,
  partnerId: string,
  jwk: unknown,
): Promise<void> {
  try {
    const key = await parsePartnerPublicJwk(jwk);
    await store.setEncryptionKey(partnerId, key);
  } catch (error) {
    if (error instanceof InvalidJwk)
      throw new InvalidRequest(error.message, [{ path: 'body.jwk', message: error.message }]);
    throw error;
  }
}
