import type { SNSEvent } from 'aws-lambda';
import { applyMailFeedback, readMailFeedback } from '../core/organisations/mail-feedback';
import { logger } from '../observability/logger';
import { organisations } from './ports';

// SES bounce and complaint events, published by the configuration set to SNS: the branch address
// becomes undeliverable and its owner gets a notice (visible in GET /v1/me/organisations/{orgId}).
// Logs counts only — never an address.

export const handler = async (event: SNSEvent) => {
  let marked = 0;
  for (const record of event.Records ?? []) {
    let message: unknown;
    try {
      message = JSON.parse(record.Sns.Message);
    } catch {
      continue;
    }
    const feedback = readMailFeedback(message);
    if (feedback) marked += (await applyMailFeedback(organisations, feedback)).marked;
  }
  logger.info('mail feedback', { records: event.Records?.length ?? 0, marked });
  return { marked };
};
