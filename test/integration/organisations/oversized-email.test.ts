import { unzipSync } from 'fflate';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootRuntime, callApi } from '../support/runtime';
import { citizenOf } from '../support/sharing';
import { organisationWithPoster, waitForMail } from './support';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

// A runtime whose e-mail limit is far below one signed copy: every share goes by download link. The
// same runtime allows only 3 shares per QR code and minute.
describe('copies too large for e-mail, and shares per QR code', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await bootRuntime(undefined, { EmailMaxMessageBytes: '2000', QrSharesPerMinute: '3' });
  });
  afterAll(async () => runtime?.dispose());

  it('mails a one-time download link to a ZIP of the signed copies and metadata instead', async () => {
    const { email, qrCode } = await organisationWithPoster(runtime, 'big');
    const visitor = citizenOf(runtime, 'cit_demo_1');
    const shared = await callApi<{ requestId: string }>(runtime, 'POST', `/v1/me/qr/${qrCode}/shares`, {
      token: visitor.token,
      body: { pin: visitor.pin },
    });
    expect(shared.status).toBe(202);
    const mail = await waitForMail(runtime, email, (m) => m.Subject.includes(shared.body.requestId), 60_000);
    const parsed = await simpleParser(Buffer.from(mail.RawData!, 'utf8'));
    expect(parsed.attachments).toHaveLength(0);
    const link = /https?:\/\/\S+\/v1\/qr\/downloads\/[A-Za-z0-9_-]{43}/.exec(parsed.text ?? '')?.[0];
    expect(link).toBeDefined();
    expect(parsed.html).toContain(`href="${link}"`);

    // Following the link (as a mail scanner or a preview does) shows a page and uses nothing up.
    for (let i = 0; i < 2; i++) {
      const page = await fetch(link!);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await page.text();
      expect(html).toContain('<form method="post">');
      expect(html).not.toMatch(/<script/);
    }
    // Its button (POST to the same address) uses the link up and sends the browser to the ZIP.
    const pressed = await fetch(link!, { method: 'POST', redirect: 'manual' });
    expect(pressed.status).toBe(303);
    const download = await fetch(pressed.headers.get('location')!);
    expect(download.status).toBe(200);
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    const names = Object.keys(files).sort();
    expect(names.filter((name) => name.endsWith('.pdf'))).toHaveLength(2);
    expect(names).toContain('metadata.json');
    const metadata = JSON.parse(new TextDecoder().decode(files['metadata.json']));
    expect(metadata.requestId).toBe(shared.body.requestId);
    for (const name of names.filter((n) => n.endsWith('.pdf'))) {
      expect(new TextDecoder().decode(files[name]!.subarray(0, 5))).toBe('%PDF-');
    }
    const again = await fetch(link!, { method: 'POST', redirect: 'manual' });
    expect(again.status).toBe(410);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(link!)).status).toBe(410);
    // Unknown and malformed tokens.
    const unknown = link!.replace(/[A-Za-z0-9_-]{43}$/, 'A'.repeat(43));
    expect((await fetch(unknown)).status).toBe(404);
    expect((await fetch(unknown, { method: 'POST', redirect: 'manual' })).status).toBe(404);
    expect((await fetch(link!.replace(/[A-Za-z0-9_-]{43}$/, 'short'))).status).toBe(400);
  });

  it('answers 429 with Retry-After once a QR code has had its shares for the minute', async () => {
    const { qrCode } = await organisationWithPoster(runtime, 'busy');
    const other = citizenOf(runtime, 'cit_demo_2');
    const wrong = other.pin === '99999' ? '88888' : '99999';
    const share = () =>
      callApi(runtime, 'POST', `/v1/me/qr/${qrCode}/shares`, { token: other.token, body: { pin: wrong } });
    // Wrong PINs count too: they are attempts on the poster. The fourth is refused before the PIN check.
    expect((await share()).status).toBe(403);
    expect((await share()).status).toBe(403);
    expect((await share()).status).toBe(403);
    // The limit slides over fixed minutes: if the attempts straddle a minute's end, the previous
    // minute weighs a little less than 1 and one more attempt fits; the next one is refused.
    let limited = await share();
    if (limited.status === 403) limited = await share();
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
