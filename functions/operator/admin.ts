import { createHash } from 'node:crypto';
import { dynamoBusinessRegistry } from '../adapters/dynamo/business-registry';
import { dynamoCopiesDue } from '../adapters/dynamo/copy-expiry';
import { dynamoErrorReportStore } from '../adapters/dynamo/error-report-store';
import { dynamoOrganisationStore } from '../adapters/dynamo/organisation-store';
import { dynamoPartnerStore } from '../adapters/dynamo/partner-store';
import { dynamoRegistry } from '../adapters/dynamo/registry-store';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { certificateChain } from '../adapters/issue-certificate-chain';
import { takeQueuedReports } from '../adapters/sqs/registry-queue-reader';
import { expireDueCopies } from '../core/copies/expire-copies';
import { DomainError, NotFound } from '../core/errors';
import { createPartner, rotatePartnerApiKey, rotateWebhookSecret } from '../core/partners/onboarding';
import { publishToRegistry } from '../core/registry/publish';
import { importFromRegistry } from '../core/wallet/documents';
import { runDocumentRefresh } from '../refresh/document-refresh';
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
    case 'signing-chain.issue': {
      const chain = await certificateChain();
      return {
        signingCertSha256: createHash('sha256').update(chain.signingCertDer).digest('hex'),
        rootCertSha256: createHash('sha256').update(chain.rootCertDer).digest('hex'),
      };
    }
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
    case 'registry.import': {
      // The issuer import fills the wallet and publishes the registry's current version, at one
      // instant: equal times mean "not newer", so the refresh job leaves these documents alone.
      const now = new Date();
      const imported = await importFromRegistry(dynamoWalletStore, command, now);
      await publishToRegistry(dynamoRegistry, command, now);
      return imported;
    }
    case 'registry.publish':
      return publishToRegistry(dynamoRegistry, command);
    case 'registry.company.put':
      await dynamoBusinessRegistry.put({
        taxId: command.taxId,
        name: command.name,
        headCitizenIds: command.headCitizenIds,
      });
      return { taxId: command.taxId };
    case 'organisation.approve': {
      if (!(await dynamoOrganisationStore.setStatus(command.orgId, 'active', new Date().toISOString()))) {
        throw new NotFound('organisation');
      }
      return { orgId: command.orgId, status: 'active' };
    }
    case 'documents.refresh':
      return runDocumentRefresh();
    case 'copies.expire':
      return expireDueCopies(dynamoCopiesDue);
    case 'error-reports.receive':
      return receiveErrorReports(command.max);
    case 'error-reports.set-status': {
      const found = await dynamoErrorReportStore.setStatus(
        command.reportId,
        command.status,
        new Date(),
        command.note,
      );
      if (!found) throw new NotFound('error report');
      return { reportId: command.reportId, status: command.status };
    }
    case 'partner.show': {
      const partner = await dynamoPartnerStore.get(command.partnerId);
      if (!partner) throw new NotFound('partner');
      return partner;
    }
  }
}

/** The registry takes its reports off the queue: each is marked `in_review`, then deleted from the queue. */
async function receiveErrorReports(max: number) {
  const taken = await takeQueuedReports(max);
  const reports = [];
  for (const report of taken) {
    const reportId = String(report.body.reportId ?? '');
    const current = await dynamoErrorReportStore.get(reportId);
    if (current?.status === 'submitted')
      await dynamoErrorReportStore.setStatus(reportId, 'in_review', new Date());
    await report.acknowledge();
    reports.push(report.body);
  }
  return { reports };
}
