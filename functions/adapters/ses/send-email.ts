import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import * as z from 'zod';
import { readEnv } from '../../config/env';

// SES (v2 API): every message goes from the docshare sender through the configuration set, where
// bounce and complaint events are published (infra/constructs/organisations.ts). The SDK's own
// retries absorb short throttling; the consent flow's Retry covers longer bursts.

const ses = new SESv2Client({});
let config: { SENDER_ADDRESS: string; SES_CONFIGURATION_SET: string } | undefined;
const env = () => {
  config ??= readEnv({ SENDER_ADDRESS: z.string().min(3), SES_CONFIGURATION_SET: z.string().min(1) });
  return config;
};

export const senderAddress = () => env().SENDER_ADDRESS;

/** Sends a complete MIME message (Content.Raw); answers the SES message id. */
export async function sendRawEmail(to: string, raw: Uint8Array): Promise<string | undefined> {
  const out = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: env().SENDER_ADDRESS,
      Destination: { ToAddresses: [to] },
      Content: { Raw: { Data: raw } },
      ConfigurationSetName: env().SES_CONFIGURATION_SET,
    }),
  );
  return out.MessageId;
}

export async function sendSimpleEmail(to: string, message: { subject: string; text: string; html: string }) {
  const out = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: env().SENDER_ADDRESS,
      Destination: { ToAddresses: [to] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: message.text, Charset: 'UTF-8' },
            Html: { Data: message.html, Charset: 'UTF-8' },
          },
        },
      },
      ConfigurationSetName: env().SES_CONFIGURATION_SET,
    }),
  );
  return out.MessageId;
}
