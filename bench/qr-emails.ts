import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import { composeCopiesEmail } from '../functions/core/organisations/copies-email';
import type { LocalRuntime } from '../local/runtime';
import { organisationWithPoster, waitForMail } from '../test/integration/organisations/support';
import { callApi } from '../test/integration/support/runtime';
import { pool, round, type Summary, summarize } from './stats';

// Organisations without IT (issue 7): one real QR share end to end gives the typical message (two
// signed copies and metadata.json, as the branch receives it); then copies e-mails are composed with
// nodemailer's MailComposer and sent through the embedded SES (SESv2 SendEmail, Content.Raw), to
// measure e-mails per second and the cost of composing alone.

export interface QrEmails {
  typicalMessageBytes: number;
  attachments: number;
  shareToMailMs: number;
  composedPerSecond: number;
  sent: number;
  sentPerSecond: number;
  sendLatency: Summary;
}

export async function benchQrEmails(
  runtime: LocalRuntime,
  options: { messages: number; clients: number },
): Promise<QrEmails> {
  const { email, qrCode } = await organisationWithPoster(runtime, 'bench');
  const visitor = runtime.local.citizens.find((c) => c.citizenId === 'cit_demo_1')!;
  const started = performance.now();
  const shared = await callApi<{ requestId: string }>(runtime, 'POST', `/v1/me/qr/${qrCode}/shares`, {
    token: visitor.token,
    body: { pin: visitor.pin },
  });
  const mail = await waitForMail(runtime, email, (m) => m.Subject.includes(shared.body.requestId), 60_000);
  const shareToMailMs = performance.now() - started;
  const raw = Buffer.from(mail.RawData ?? '', 'utf8');
  const parsed = await simpleParser(raw);
  const documents = parsed.attachments
    .filter((a) => a.contentType === 'application/pdf')
    .map((a, i) => ({
      type: (i === 0 ? 'internal-passport' : 'taxpayer-card') as 'internal-passport' | 'taxpayer-card',
      copyId: `${String(i).padStart(8, '0')}-0000-8000-8000-000000000000`,
      pdf: new Uint8Array(a.content),
    }));
  const metadata = JSON.parse(
    parsed.attachments.find((a) => a.filename === 'metadata.json')!.content.toString(),
  );
  const context = {
    from: 'no-reply@docshare.local',
    to: 'bench@org.example',
    requestId: shared.body.requestId,
    organisationName: 'ТОВ «Клініка Здоров’я»',
    branchName: 'Відділення на Подолі',
    serviceName: 'Запис до лікаря',
    verifyUrl: `${runtime.apiUrl}/verify`,
    missing: [],
  };

  const composeStarted = performance.now();
  for (let i = 0; i < options.messages; i++) await composeCopiesEmail(context, documents, metadata);
  const composedPerSecond = options.messages / ((performance.now() - composeStarted) / 1000);

  const ses = new SESv2Client({
    endpoint: runtime.edgeUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const sendStarted = performance.now();
  const sends = await pool(options.messages, options.clients, async () => {
    const t0 = performance.now();
    const message = await composeCopiesEmail(context, documents, metadata);
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: context.from,
        Destination: { ToAddresses: [context.to] },
        Content: { Raw: { Data: message } },
      }),
    );
    return performance.now() - t0;
  });
  const sendWallMs = performance.now() - sendStarted;
  ses.destroy();
  return {
    typicalMessageBytes: raw.length,
    attachments: parsed.attachments.length,
    shareToMailMs: round(shareToMailMs),
    composedPerSecond: round(composedPerSecond, 1),
    sent: sends.length,
    sentPerSecond: round(sends.length / (sendWallMs / 1000), 1),
    sendLatency: summarize(sends),
  };
}
