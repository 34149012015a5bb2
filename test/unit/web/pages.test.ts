import { describe, expect, it } from 'vitest';
import { renderAuthorizePage } from '../../../functions/dev/authorize-view';
import { verdictOf } from '../../../functions/web/client/verdict';
import { renderPage } from '../../../functions/web/pages';

describe('the web pages’ HTML', () => {
  it('loads only its own script and style sheet: no inline script, handler or style', () => {
    for (const page of ['wallet', 'deeplink', 'verify'] as const) {
      const html = renderPage(page, 'uk', `/${page}`);
      // /verify has its own script (the offline QR check); the citizen pages share app.js.
      const script = page === 'verify' ? 'verify.js' : 'app.js';
      expect(html.match(/<script\b[^>]*>/g)).toEqual([`<script src="/assets/${script}" defer>`]);
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
    const html =
      renderPage('wallet', 'uk', '/wallet') +
      renderPage('verify', 'uk', '/verify') +
      renderAuthorizePage({
        lang: 'uk',
        citizens: [{ citizenId: 'cit_1', fullName: 'Тест Тест' }],
        params: { client_id: 'c', state: 's' },
      });
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

describe('the dev identity provider’s sign-in page', () => {
  const view = (lang: 'uk' | 'en') =>
    renderAuthorizePage({
      lang,
      citizens: [{ citizenId: 'cit_1', fullName: '<b>Тест</b>' }],
      params: { client_id: 'docshare-local', state: '"><script>alert(1)</script>', nonce: undefined },
    });

  it('has no script at all, escapes what it echoes and carries the request as hidden fields', () => {
    const html = view('uk');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(on[a-z]+|style)\s*=/i);
    expect(html).toContain('<input type="hidden" name="state" value="&#34;&#62;&#60;script&#62;');
    expect(html).not.toContain('name="nonce"');
    expect(html).toContain('&#60;b&#62;Тест&#60;/b&#62; (cit_1)');
    expect(html).toContain('<label for="citizen">Громадянин</label>');
  });

  it('is Ukrainian by default with a switch to English that keeps the request', () => {
    expect(view('uk')).toContain('<html lang="uk">');
    expect(view('uk')).toMatch(
      /href="\/dev\/authorize\?client_id=docshare-local&#38;state=[^"]+&#38;lang=en"/,
    );
    expect(view('en')).toContain('<html lang="en">');
    expect(view('en')).toContain('<label for="citizen">Citizen</label>');
  });
});
