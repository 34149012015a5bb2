import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../../functions/web/client/verdict';
import { renderPage } from '../../../functions/web/pages';

describe('the web pages’ HTML', () => {
  it('loads only its own script and style sheet: no inline script, handler or style', () => {
    for (const page of ['wallet', 'deeplink', 'verify'] as const) {
      const html = renderPage(page, 'uk', `/${page}`);
      expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script src="/assets/app.js" defer>']);
      expect(html).not.toMatch(/<script[^>]*>[^<]+<\/script>/);
      expect(html).not.toMatch(/\s(on[a-z]+|style)\s*=/i);
      expect(html).toContain('<link rel="stylesheet" href="/assets/app.css">');
    }
  });

  it('is Ukrainian by default and links to the English version of the same page', () => {
    const uk = renderPage('verify', 'uk', '/verify');
    expect(uk).toContain('<html lang="uk">');
    expect(uk).toContain('href="/verify?lang=en"');
    const en = renderPage('deeplink', 'en', '/d/abc_DEF-123');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Document request');
    expect(en).toContain('href="/d/abc_DEF-123" lang="uk"');
    expect(en).toContain('href="/wallet?lang=en"');
  });

  it('labels every form field', () => {
    const html = renderPage('wallet', 'uk', '/wallet') + renderPage('verify', 'uk', '/verify');
    const ids = [...html.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(2);
    for (const id of ids) expect(html).toContain(`<label for="${id}">`);
  });
});

describe('the verification verdict', () => {
  const copy = {
    documentType: 'internal-passport',
    issuedTo: { partner: 'Демо-банк', branch: 'Відділення №1' },
    generatedAt: '2026-01-01T00:00:00Z',
  };
  it('is genuine only for a valid, unmodified signature over a valid copy', () => {
    expect(verdictOf({ signature: 'valid', modified: false, copy: { ...copy, status: 'valid' } })).toBe(
      'genuine',
    );
    expect(verdictOf({ signature: 'valid', modified: true, copy: { ...copy, status: 'valid' } })).toBe(
      'modified',
    );
    expect(verdictOf({ signature: 'invalid', modified: false })).toBe('modified');
    expect(verdictOf({ signature: 'missing', modified: false })).toBe('unsigned');
    expect(verdictOf({ signature: 'valid', copy: { ...copy, status: 'revoked' } })).toBe('revoked');
    expect(verdictOf({ signature: 'valid', copy: { ...copy, status: 'expired' } })).toBe('expired');
    expect(verdictOf({ signature: 'valid' })).toBe('unknown');
  });
});
