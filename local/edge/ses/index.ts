// SES at the edge: sending goes to aws-ses-v2-local (v1 query protocol and v2 REST), and every sent
// message is copied into the edge's persisted mailbox; identities, configuration sets and the account
// are answered here (see identities.ts). Serves LocalStack's /_aws/ses retrospection endpoint.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { clientHungUp, parseJsonObject, readBody, sendJson } from '../http-util';
import type { RequestIam } from '../iam/authorizer';
import { emailAddressOf, sesSendRequests } from '../iam/iam-requests';
import { forward, type ProxyTarget, proxy, proxyTarget, readResponse } from '../proxy';
import { IdentityStore, SesError, type Tag } from './identities';
import { addressesIn, Mailbox } from './mailbox';
import { handleRetrospection } from './retrospection';
import { type Email, startSesEmulator } from './ses-backend';
import { answerQuery, queryError } from './v1-query';

export interface SesEdge {
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    region: string,
    iam?: RequestIam,
  ): Promise<void>;
  /** Answers /_aws/ses…; false when the path is not the retrospection endpoint's. */
  handleRetrospection(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  close(): Promise<void>;
}

interface Sent {
  rawData?: string;
  to?: string[];
  /** The sender, as the call names it (v2 FromEmailAddress, v1 Source) or else the raw From header. */
  from?: string;
  configurationSet?: string;
  /** ses:SendEmail for v2 and v1 SendEmail, ses:SendRawEmail for v1 SendRawEmail. */
  action: 'ses:SendEmail' | 'ses:SendRawEmail';
}

/** SES's largest message (raw MIME, attachments encoded). */
export const SES_MAX_MESSAGE_BYTES = 40_000_000;

export async function startSes(folder: string): Promise<SesEdge> {
  const emulator = await startSesEmulator();
  const target: ProxyTarget = proxyTarget(emulator.port);
  const identities = new IdentityStore(join(folder, 'identities.json'));
  const mailbox = new Mailbox(join(folder, 'mail'));

  /** Sends through the emulator, then files the message, with the raw MIME of a raw send. */
  async function send(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    sent: Sent,
    region: string,
    iam: RequestIam | undefined,
  ) {
    // SES's quota: a message of at most 40 MB, attachments and their encoding included.
    if (sent.rawData !== undefined && Buffer.byteLength(sent.rawData, 'base64') > SES_MAX_MESSAGE_BYTES) {
      throw new SesError('MessageRejected', 'Message length is more than 40 MB.');
    }
    const from = emailAddressOf(sent.from ?? rawFrom(sent.rawData) ?? '');
    const identity = identities.sendingIdentity(from);
    if (!identity) {
      throw new SesError(
        'MessageRejected',
        `Email address is not verified. The following identities failed the check in region ${region.toUpperCase()}: ${from}`,
      );
    }
    const denial = await iam?.authorize(
      sesSendRequests(sent.action, identity, sent.configurationSet, iam.scope),
      sent.action,
    );
    if (denial) {
      const v2 = req.url?.startsWith('/v2/') ?? false;
      throw new SesError(v2 ? 'AccessDeniedException' : 'AccessDenied', denial, 403);
    }
    const headers = { ...req.headers, 'content-length': String(body.length) };
    delete headers['transfer-encoding'];
    const upstream = await forward(req, target, { body, headers });
    const answer = await readResponse(upstream);
    if (upstream.statusCode === 200) {
      const ids = [
        ...answer.toString('utf8').matchAll(/"MessageId":"([^"]+)"|<MessageId>([^<]+)<\/MessageId>/g),
      ];
      for (const match of ids) {
        const taken = await emulator.takeMessage(match[1] ?? match[2] ?? '');
        if (!taken) continue;
        const raw = sent.rawData === undefined ? undefined : Buffer.from(sent.rawData, 'base64');
        mailbox.add(toSentMessage(taken.email, region, sent, raw), raw ?? taken.eml);
      }
    }
    res.writeHead(upstream.statusCode ?? 502, upstream.rawHeaders);
    res.end(answer);
  }

  async function handleV2(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    region: string,
    iam?: RequestIam,
  ) {
    const path = url.pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    const identity = decodeURIComponent(/^\/v2\/email\/identities\/([^/]+)$/.exec(path)?.[1] ?? '');
    const configurationSet = decodeURIComponent(
      /^\/v2\/email\/configuration-sets\/([^/]+)$/.exec(path)?.[1] ?? '',
    );
    const input = async () => parseJsonObject(await readBody(req));
    const route = `${method} ${identity ? '/v2/email/identities/{id}' : configurationSet ? '/v2/email/configuration-sets/{name}' : path}`;
    switch (route) {
      case 'POST /v2/email/outbound-emails':
      case 'POST /v2/email/outbound-bulk-emails': {
        const body = await readBody(req);
        const sent = parseJsonObject(body) as {
          Content?: { Raw?: { Data?: string } };
          Destination?: { ToAddresses?: string[] };
          FromEmailAddress?: string;
          ConfigurationSetName?: string;
        };
        return send(
          req,
          res,
          body,
          {
            rawData: sent.Content?.Raw?.Data,
            to: sent.Destination?.ToAddresses,
            from: sent.FromEmailAddress,
            configurationSet: sent.ConfigurationSetName,
            action: 'ses:SendEmail',
          },
          region,
          iam,
        );
      }
      case 'POST /v2/email/identities': {
        const { EmailIdentity, ConfigurationSetName, Tags } = await input();
        const options = {
          configurationSetName: ConfigurationSetName as string | undefined,
          tags: Tags as Tag[] | undefined,
        };
        return sendJson(res, 200, identities.create(String(EmailIdentity ?? ''), options));
      }
      case 'GET /v2/email/identities':
      case 'POST /v2/email/list-identities':
        return sendJson(res, 200, { EmailIdentities: identities.list() });
      case 'GET /v2/email/identities/{id}':
        return sendJson(res, 200, identities.get(identity));
      case 'DELETE /v2/email/identities/{id}':
        identities.delete(identity);
        return sendJson(res, 200, {});
      case 'POST /v2/email/configuration-sets':
        identities.createConfigurationSet(String((await input())['ConfigurationSetName'] ?? ''));
        return sendJson(res, 200, {});
      case 'GET /v2/email/configuration-sets/{name}':
        return sendJson(res, 200, identities.getConfigurationSet(configurationSet));
      case 'DELETE /v2/email/configuration-sets/{name}':
        identities.deleteConfigurationSet(configurationSet);
        return sendJson(res, 200, {});
      case 'POST /v2/email/list-configuration-sets':
        return sendJson(res, 200, { ConfigurationSets: identities.configurationSets() });
      case 'GET /v2/email/account':
        return sendJson(res, 200, account(mailbox.sentSince(Date.now() - 86_400_000)));
    }
    // Templates are the emulator's; anything else it would answer with XML the SDK cannot parse.
    if (path.startsWith('/v2/email/templates')) return proxy(req, res, target);
    throw new SesError('NotImplemented', `SES ${method} ${path} is not emulated locally`, 501);
  }

  async function handleV1(req: IncomingMessage, res: ServerResponse, region: string, iam?: RequestIam) {
    const body = await readBody(req);
    const params = new URLSearchParams(body.toString('utf8'));
    const action = params.get('Action') ?? '';
    const configurationSet = params.get('ConfigurationSetName') ?? undefined;
    const from = params.get('Source') ?? undefined;
    if (action === 'SendEmail') {
      return send(req, res, body, { from, configurationSet, action: 'ses:SendEmail' }, region, iam);
    }
    if (action === 'SendRawEmail') {
      const to = [...params.entries()]
        .filter(([key]) => key.startsWith('Destinations.member.'))
        .map(([, v]) => v);
      return send(
        req,
        res,
        body,
        {
          rawData: params.get('RawMessage.Data') ?? '',
          to: to.length ? to : undefined,
          from,
          configurationSet,
          action: 'ses:SendRawEmail',
        },
        region,
        iam,
      );
    }
    const answer = answerQuery(action, params, identities, mailbox);
    res.writeHead(answer.status, {
      'Content-Type': 'text/xml',
      'Content-Length': Buffer.byteLength(answer.xml),
    });
    res.end(answer.xml);
  }

  return {
    async handle(req, res, url, region, iam) {
      const v1 = !url.pathname.startsWith('/v2/');
      try {
        if (v1) await handleV1(req, res, region, iam);
        else await handleV2(req, res, url, region, iam);
      } catch (err) {
        if (clientHungUp(req, err)) return void res.destroy();
        const error = err instanceof SesError ? err : asSesError(err);
        if (res.headersSent) return void res.destroy();
        if (v1) {
          const xml = queryError(error);
          res.writeHead(error.status, {
            'Content-Type': 'text/xml',
            'Content-Length': Buffer.byteLength(xml),
          });
          res.end(xml);
        } else {
          sendJson(res, error.status, { message: error.message }, { 'x-amzn-ErrorType': error.type });
        }
      }
    },
    handleRetrospection: (req, res, url) => handleRetrospection(req, res, url, mailbox),
    async close() {
      target.agent.destroy();
      await emulator.close();
    },
  };
}

function asSesError(err: unknown): SesError {
  if (err instanceof SyntaxError) return new SesError('BadRequestException', err.message);
  console.error('edge: SES request failed', err);
  return new SesError('InternalFailure', String(err), 500);
}

function account(sentLast24Hours: number) {
  return {
    DedicatedIpAutoWarmupEnabled: false,
    EnforcementStatus: 'HEALTHY',
    ProductionAccessEnabled: true,
    SendingEnabled: true,
    SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: sentLast24Hours },
    SuppressionAttributes: { SuppressedReasons: [] },
  };
}

function toSentMessage(email: Email, region: string, sent: Sent, raw: Buffer | undefined) {
  const headerAddresses = (list: string[]) => list.flatMap(addressesIn);
  const cc = headerAddresses(email.destination.cc);
  const bcc = headerAddresses(email.destination.bcc);
  return {
    Id: email.messageId,
    Region: region,
    Source: email.from,
    Destination: {
      ToAddresses: sent.to ?? headerAddresses(email.destination.to),
      ...(cc.length ? { CcAddresses: cc } : {}),
      ...(bcc.length ? { BccAddresses: bcc } : {}),
    },
    Subject: email.subject,
    Body: { text_part: email.body.text ?? null, html_part: email.body.html ?? null },
    ...(raw ? { RawData: raw.toString('utf8') } : {}),
    Timestamp: new Date(email.at * 1000).toISOString(),
  };
}

/** The From header of a base64 raw MIME message, if it has one. */
function rawFrom(rawData: string | undefined): string | undefined {
  if (!rawData) return undefined;
  const head =
    Buffer.from(rawData.slice(0, 16_384), 'base64')
      .toString('utf8')
      .split(/\r?\n\r?\n/)[0] ?? '';
  return /^from:\s*(.+)$/im.exec(head)?.[1]?.trim();
}
