import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import {
  type CopiesEmailContext,
  chooseDelivery,
  composeCopiesEmail,
  composeDownloadLinkEmail,
  encodedSize,
  estimateCopiesEmailSize,
} from '../../../functions/core/organisations/copies-email';

const context: CopiesEmailContext = {
  from: 'no-reply@docshare.example.org',
  to: 'podil@clinic.example',
  requestId: '5f0c2a8e-1b7d-4c1e-9a55-0d6f3f0b9a11',
  organisationName: 'ТОВ «Клініка <Здоров’я>»',
  branchName: 'Відділення на Подолі',
  serviceName: 'Запис до лікаря',
  verifyUrl: 'https://docshare.example.org/verify',
  missing: ['driver-license'],
};
const pdf = (size: number) => new Uint8Array(size).fill(0x25);

describe('the e-mail of copies', () => {
  it('is multipart/mixed: Ukrainian text and HTML alternatives, each PDF and metadata.json attached', async () => {
    const documents = [
      { type: 'internal-passport' as const, copyId: '11111111-2222-8333-8444-555555555555', pdf: pdf(5000) },
      { type: 'taxpayer-card' as const, copyId: '66666666-2222-8333-8444-555555555555', pdf: pdf(3000) },
    ];
    const raw = await composeCopiesEmail(context, documents, { requestId: context.requestId });
    const text = Buffer.from(raw).toString('latin1');
    expect(text).toMatch(/Content-Type: multipart\/mixed/);
    expect(text).toMatch(/Content-Type: multipart\/alternative/);
    const mail = await simpleParser(Buffer.from(raw));
    expect(mail.subject).toBe(`docshare: копії документів, запит ${context.requestId}`);
    expect(mail.from?.text).toBe(context.from);
    expect(mail.text).toContain('Запис до лікаря');
    expect(mail.text).toContain('Цих документів у відвідувача немає');
    // Names are text in the HTML part, never markup.
    expect(mail.html).toContain('&#60;Здоров&#8217;я&#62;'.replace('&#8217;', '’'));
    expect(mail.html).not.toContain('<Здоров');
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ['internal-passport-11111111.pdf', 'application/pdf', 5000],
      ['taxpayer-card-66666666.pdf', 'application/pdf', 3000],
      ['metadata.json', 'application/json', expect.any(Number)],
    ]);
    expect(JSON.parse(mail.attachments[2]!.content.toString('utf8'))).toEqual({
      requestId: context.requestId,
    });
    // The estimate that decides attachments vs. link never undercounts.
    expect(estimateCopiesEmailSize([5000, 3000, 40])).toBeGreaterThanOrEqual(raw.length);
  });

  it('sends a link instead when the encoded attachments would exceed the limit', async () => {
    expect(encodedSize(3)).toBe(6);
    expect(encodedSize(57)).toBe(78);
    const estimate = estimateCopiesEmailSize([30_000_000]);
    expect(estimate).toBeGreaterThan(40_000_000);
    expect(chooseDelivery(estimate, 40_000_000)).toBe('link');
    expect(chooseDelivery(estimateCopiesEmailSize([1_000_000]), 40_000_000)).toBe('attachments');
    const link = 'https://docshare.example.org/v1/qr/downloads/abc';
    const raw = await composeDownloadLinkEmail(
      context,
      [{ type: 'internal-passport' }],
      link,
      '2030-01-01T00:00:00Z',
    );
    const mail = await simpleParser(Buffer.from(raw));
    expect(mail.attachments).toHaveLength(0);
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`<a href="${link}">`);
  });
});
