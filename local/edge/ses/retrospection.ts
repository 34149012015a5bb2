// LocalStack's unsigned retrospection endpoint for sent mail (`GET`/`DELETE /_aws/ses`, filters `id`
// and `email` = sender), plus this edge's `to` filter and a tiny web inbox for people.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendText } from '../http-util';
import type { Mailbox, SentMessage } from './mailbox';

export const RETROSPECTION_PATH = '/_aws/ses';

/** Answers a request under /_aws/ses; false when the path is not one of these. */
export function handleRetrospection(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  mailbox: Mailbox,
): boolean {
  const id = url.searchParams.get('id') ?? undefined;
  if (url.pathname === RETROSPECTION_PATH || url.pathname === `${RETROSPECTION_PATH}/`) {
    if (req.method === 'DELETE') {
      mailbox.clear(id);
      res.writeHead(204).end();
    } else {
      const email = url.searchParams.get('email') ?? undefined;
      const to = url.searchParams.get('to') ?? undefined;
      sendJson(res, 200, { messages: mailbox.list({ id, email, to }) });
    }
    return true;
  }
  if (url.pathname === `${RETROSPECTION_PATH}/inbox`) {
    sendText(res, 200, inboxPage(mailbox.list().reverse()), 'text/html; charset=utf-8');
    return true;
  }
  const eml = /^\/_aws\/ses\/inbox\/([^/]+)\.eml$/.exec(url.pathname);
  if (eml?.[1]) {
    const message = mailbox.eml(decodeURIComponent(eml[1]));
    if (message) sendText(res, 200, message, 'message/rfc822');
    else sendText(res, 404, 'no such message', 'text/plain');
    return true;
  }
  return false;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function inboxPage(messages: SentMessage[]): string {
  const rows = messages
    .map((m) => {
      const link = `${RETROSPECTION_PATH}/inbox/${encodeURIComponent(m.Id)}.eml`;
      return `<tr><td>${escapeHtml(m.Timestamp)}</td><td>${escapeHtml(m.Source)}</td><td>${escapeHtml(
        m.Destination.ToAddresses.join(', '),
      )}</td><td><a href="${escapeHtml(link)}">${escapeHtml(m.Subject || '(no subject)')}</a></td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local inbox</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}</style></head>
<body><h1>Mail sent through the local edge (${messages.length})</h1>
<table><thead><tr><th>Time</th><th>From</th><th>To</th><th>Subject (raw .eml)</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}
