import { dynamoPartnerStore } from '../adapters/dynamo/partner-store';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { DomainError, NotFound } from '../core/errors';
import { createPartner, rotatePartnerApiKey, rotateWebhookSecret } from '../core/partners/onboarding';
import { importFromRegistry } from '../core/wallet/documents';
import { operatorCommand } from './commands';

// The operator's entry point (`npm run admin -- …` invokes it through the Lambda API). Answers
// `{ ok: true, result }` or `{ ok: false, error }`; secrets appear once, in the answer only.

export const handler = async (event: unknown) => {
  const parsed = operatorCommand.safeParse(event);
  if (!parsed.success) {
    return {
      ok: false,
      error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  }
  try {
    return { ok: true, result: await run(parsed.data) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: error.detail };
    throw error;
  }
};

async function run(command: ReturnType<typeof operatorCommand.parse>) {
  switch (command.command) {
    case 'partner.create': {
      const { partner, apiKey, webhookSecret } = await createPartner(dynamoPartnerStore, command);
      return { ...partner, apiKey, webhookSecret };
    }
    case 'partner.rotate-key':
      return {
        partnerId: command.partnerId,
        ...(await rotatePartnerApiKey(dynamoPartnerStore, command.partnerId)),
      };
    case 'partner.rotate-webhook-secret':
      return {
        partnerId: command.partnerId,
        ...(await rotateWebhookSecret(dynamoPartnerStore, command.partnerId)),
      };
    case 'registry.import':
      return importFromRegistry(dynamoWalletStore, command);
    case 'partner.show': {
      const partner = await dynamoPartnerStore.get(command.partnerId);
      if (!partner) throw new NotFound('partner');
      return partner;
    }
  }
}
