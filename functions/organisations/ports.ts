import * as z from 'zod';
import { dynamoBusinessRegistry } from '../adapters/dynamo/business-registry';
import { dynamoDownloadLinkStore } from '../adapters/dynamo/download-link-store';
import { dynamoOrganisationStore } from '../adapters/dynamo/organisation-store';
import { dynamoPinStore } from '../adapters/dynamo/pin-store';
import { dynamoRateLimitStore } from '../adapters/dynamo/rate-limit-store';
import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { sendSimpleEmail } from '../adapters/ses/send-email';
import { stepFunctionsConsentFlow } from '../adapters/sfn/consent-flow';
import { readEnv } from '../config/env';
import type { ManagePorts } from '../core/organisations/manage-organisations';
import type { QrSharePorts } from '../core/organisations/qr-share';
import { DEFAULT_QR_SHARE_LIMIT } from '../core/organisations/qr-share';
import { verificationEmailContent } from '../core/organisations/verification-email';

// The organisation use cases wired to their AWS adapters. Config is read when a port is first built,
// so each Lambda needs only the variables of what it uses.

export const publicBaseUrl = () => readEnv({ PUBLIC_BASE_URL: z.url() }).PUBLIC_BASE_URL;

export const managePorts = (): ManagePorts => ({
  organisations: dynamoOrganisationStore,
  registry: dynamoBusinessRegistry,
  rateLimits: dynamoRateLimitStore,
  publicBaseUrl: publicBaseUrl(),
  mailer: {
    async sendVerification(mail) {
      await sendSimpleEmail(mail.to, verificationEmailContent(mail));
    },
  },
});

export const qrSharePorts = (): QrSharePorts => ({
  organisations: dynamoOrganisationStore,
  requests: dynamoRequestStore,
  pins: dynamoPinStore,
  rateLimits: dynamoRateLimitStore,
  flow: stepFunctionsConsentFlow,
  limit: {
    ...DEFAULT_QR_SHARE_LIMIT,
    limit: readEnv({
      QR_SHARES_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_QR_SHARE_LIMIT.limit),
    }).QR_SHARES_PER_MINUTE,
  },
});

export { dynamoDownloadLinkStore as downloadLinks, dynamoOrganisationStore as organisations };
