// SES v1 (query protocol, XML answers) for the calls the emulator never answers: identities and quota.
import { requestId } from '../http-util';
import type { IdentityStore } from './identities';
import type { Mailbox } from './mailbox';

const NAMESPACE = 'http://ses.amazonaws.com/doc/2010-12-01/';
const MAX_24_HOUR_SEND = 50_000;
const MAX_SEND_RATE = 14;

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function response(action: string, result = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="${NAMESPACE}">` +
    `<${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function queryError(error: { type: string; message: string; status: number }): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${type}</Type>` +
    `<Code>${escapeXml(error.type)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId()}</RequestId></ErrorResponse>`
  );
}

export function answerQuery(
  action: string,
  params: URLSearchParams,
  identities: IdentityStore,
  mailbox: Mailbox,
): { status: number; xml: string } {
  const ok = (result = '') => ({ status: 200, xml: response(action, result) });
  switch (action) {
    case 'VerifyEmailIdentity':
    case 'VerifyEmailAddress':
      identities.verify(params.get('EmailAddress') ?? '');
      return ok();
    case 'VerifyDomainIdentity': {
      const domain = params.get('Domain') ?? '';
      identities.verify(domain);
      return ok(
        `<VerificationToken>${escapeXml(Buffer.from(domain).toString('base64'))}</VerificationToken>`,
      );
    }
    case 'ListIdentities': {
      const members = identities.list().map((i) => `<member>${escapeXml(i.IdentityName)}</member>`);
      return ok(`<Identities>${members.join('')}</Identities>`);
    }
    case 'DeleteIdentity':
      identities.forget(params.get('Identity') ?? '');
      return ok();
    case 'GetSendQuota': {
      const sent = mailbox.sentSince(Date.now() - 86_400_000);
      return ok(
        `<SentLast24Hours>${sent}</SentLast24Hours><Max24HourSend>${MAX_24_HOUR_SEND}</Max24HourSend>` +
          `<MaxSendRate>${MAX_SEND_RATE}</MaxSendRate>`,
      );
    }
    default:
      return {
        status: 400,
        xml: queryError({
          type: 'InvalidAction',
          message: `SES ${action || '(no Action)'} is not emulated locally`,
          status: 400,
        }),
      };
  }
}
