import {
  AlreadyExistsException,
  CreateConfigurationSetCommand,
  CreateEmailIdentityCommand,
  GetAccountCommand,
  GetEmailIdentityCommand,
  ListEmailIdentitiesCommand,
  NotFoundException,
  SESv2Client,
  SendEmailCommand,
} from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEdge, type TestEdge } from './support/edge-fixture';

interface LocalStackMessage {
  Id: string;
  Region: string;
  Source: string;
  Destination: { ToAddresses: string[] };
  Subject: string;
  Body: { text_part: string | null; html_part: string | null };
  RawData?: string;
  Timestamp: string;
}

let fixture: TestEdge;
let ses: SESv2Client;

async function sentMessages(query = ''): Promise<LocalStackMessage[]> {
  const response = await fetch(`${fixture.edge.url}/_aws/ses${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: LocalStackMessage[] }).messages;
}

/** A v1 query-protocol call (the project has no @aws-sdk/client-ses); the edge checks only the scope. */
async function sesV1(params: Record<string, string>): Promise<{ status: number; body: string }> {
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const response = await fetch(fixture.edge.url, {
    method: 'POST',
    body: new URLSearchParams({ Version: '2010-12-01', ...params }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-amz-date': amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=test/${amzDate.slice(0, 8)}/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=00`,
    },
  });
  return { status: response.status, body: await response.text() };
}

const attachment = Buffer.from('%PDF-1.7 signed copy of a passport');
const rawMessage = [
  'From: Docshare <noreply@docshare.example>',
  'To: partner@bank.example',
  'Subject: Your signed copy',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'The signed copy is attached.',
  '--b1',
  'Content-Type: application/pdf; name="copy.pdf"',
  'Content-Disposition: attachment; filename="copy.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  attachment.toString('base64'),
  '--b1--',
  '',
].join('\r\n');

beforeAll(async () => {
  fixture = await startTestEdge();
  ses = new SESv2Client(fixture.clientConfig);
});

afterAll(async () => {
  ses?.destroy();
  await fixture?.stop();
});

describe('SES through the edge', () => {
  it('creates, reads and lists a verified email identity', async () => {
    const created = await ses.send(
      new CreateEmailIdentityCommand({ EmailIdentity: 'noreply@docshare.example' }),
    );
    expect(created).toMatchObject({ IdentityType: 'EMAIL_ADDRESS', VerifiedForSendingStatus: true });

    const identity = await ses.send(
      new GetEmailIdentityCommand({ EmailIdentity: 'noreply@docshare.example' }),
    );
    expect(identity).toMatchObject({ VerifiedForSendingStatus: true, VerificationStatus: 'SUCCESS' });

    const { EmailIdentities } = await ses.send(new ListEmailIdentitiesCommand({}));
    expect(EmailIdentities?.map((i) => i.IdentityName)).toContain('noreply@docshare.example');

    await expect(
      ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'noreply@docshare.example' })),
    ).rejects.toBeInstanceOf(AlreadyExistsException);
    await expect(
      ses.send(new GetEmailIdentityCommand({ EmailIdentity: 'nobody@docshare.example' })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('answers configuration sets and the account', async () => {
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'docshare' }));
    const account = await ses.send(new GetAccountCommand({}));
    expect(account.SendingEnabled).toBe(true);
    expect(account.SendQuota?.Max24HourSend).toBeGreaterThan(0);
  });

  it('answers the v1 identity and quota calls the emulator never answers', async () => {
    const verified = await sesV1({ Action: 'VerifyEmailIdentity', EmailAddress: 'ops@docshare.example' });
    expect(verified.status).toBe(200);
    expect(verified.body).toContain('<VerifyEmailIdentityResponse');
    const quota = await sesV1({ Action: 'GetSendQuota' });
    expect(quota.body).toMatch(/<Max24HourSend>\d+<\/Max24HourSend>/);
    const identities = await sesV1({ Action: 'ListIdentities' });
    expect(identities.body).toContain('<member>ops@docshare.example</member>');
  });

  it("records a simple message in LocalStack's /_aws/ses shape", async () => {
    const { MessageId } = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@docshare.example',
        Destination: { ToAddresses: ['citizen@mail.example'] },
        Content: {
          Simple: {
            Subject: { Data: 'Your code is 123456' },
            Body: { Text: { Data: 'Code: 123456' }, Html: { Data: '<p>Code: <b>123456</b></p>' } },
          },
        },
      }),
    );
    const [message] = await sentMessages(`?id=${MessageId}`);
    expect(message).toMatchObject({
      Id: MessageId,
      Region: 'us-east-1',
      Source: 'noreply@docshare.example',
      Destination: { ToAddresses: ['citizen@mail.example'] },
      Subject: 'Your code is 123456',
      Body: { text_part: 'Code: 123456', html_part: '<p>Code: <b>123456</b></p>' },
    });
    expect(message?.RawData).toBeUndefined();
    expect(Number.isNaN(Date.parse(message?.Timestamp ?? ''))).toBe(false);
  });

  it('records a raw MIME message with its attachment in RawData', async () => {
    const { MessageId } = await ses.send(
      new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(rawMessage) } } }),
    );
    const [message] = await sentMessages(`?id=${MessageId}`);
    expect(message?.Destination.ToAddresses).toEqual(['partner@bank.example']);
    expect(message?.Subject).toBe('Your signed copy');
    expect(message?.RawData).toBe(rawMessage);
    expect(message?.RawData).toContain(attachment.toString('base64'));

    const eml = await fetch(`${fixture.edge.url}/_aws/ses/inbox/${MessageId}.eml`);
    expect(await eml.text()).toBe(rawMessage);
  });

  it('refuses a raw message over SES’s 40 MB with MessageRejected, recording nothing', async () => {
    const padding = 'A'.repeat(40_000_000 - rawMessage.length + 1);
    const tooLarge = rawMessage.replace('--', `X-Padding: ${padding.slice(12)}\r\n--`);
    expect(Buffer.byteLength(tooLarge)).toBeGreaterThan(40_000_000);
    const before = (await sentMessages('')).length;
    const error = await ses
      .send(new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(tooLarge) } } }))
      .then(
        () => undefined,
        (failure: { name: string; $metadata: { httpStatusCode?: number } }) => failure,
      );
    expect(error?.name).toBe('MessageRejected');
    expect(error?.$metadata.httpStatusCode).toBe(400);
    expect((await sentMessages('')).length).toBe(before);
  }, 60_000);

  it('refuses a sender that no identity verifies (neither the address nor its domain), as SES does', async () => {
    const before = (await sentMessages('')).length;
    const error = await ses
      .send(
        new SendEmailCommand({
          FromEmailAddress: 'someone@unverified.example',
          Destination: { ToAddresses: ['auditor@gov.example'] },
          Content: { Simple: { Subject: { Data: 'Hi' }, Body: { Text: { Data: 'hi' } } } },
        }),
      )
      .then(
        () => undefined,
        (err: Error) => err,
      );
    expect(error?.name).toBe('MessageRejected');
    expect(error?.message).toContain('Email address is not verified');
    expect((await sentMessages('')).length).toBe(before);
  });

  it('filters by sender like LocalStack and by recipient with ?to=', async () => {
    // A domain identity verifies every address of the domain.
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'docshare.example' }));
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'alerts@docshare.example',
        Destination: { ToAddresses: ['auditor@gov.example'] },
        Content: { Simple: { Subject: { Data: 'Audit' }, Body: { Text: { Data: 'audit' } } } },
      }),
    );
    const bySender = await sentMessages('?email=alerts@docshare.example');
    expect(bySender.map((m) => m.Subject)).toEqual(['Audit']);
    const byRecipient = await sentMessages('?to=auditor@gov.example');
    expect(byRecipient.map((m) => m.Subject)).toEqual(['Audit']);
  });

  it('lists messages in a human inbox page with links to each .eml', async () => {
    const page = await fetch(`${fixture.edge.url}/_aws/ses/inbox`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Your signed copy');
    expect(html).toMatch(/href="\/_aws\/ses\/inbox\/[^"]+\.eml"/);
  });

  it('clears the recorded messages on DELETE /_aws/ses', async () => {
    expect((await sentMessages()).length).toBeGreaterThan(0);
    const cleared = await fetch(`${fixture.edge.url}/_aws/ses`, { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect(await sentMessages()).toEqual([]);
  });
});
