import { describe, expect, it } from 'vitest';
import { renderPage } from '../../../functions/web/pages';
import { readSignInConfig, signInPageHeaders } from '../../../functions/web/sign-in-config';

// The pages' sign-in configuration: in the page as a <meta>, and the CSP's connect-src built from it.

const env = {
  CITIZEN_AUTHORIZE_URL: 'https://auth.example.org/oauth2/authorize',
  CITIZEN_TOKEN_URL: 'https://auth.example.org/oauth2/token',
  CITIZEN_CLIENT_ID: 'client-1',
  PUBLIC_BASE_URL: 'https://docshare.example.org',
};

describe('the pages’ sign-in configuration', () => {
  it('allows exactly the token endpoint’s origin in connect-src when it is another origin', () => {
    const csp = readSignInConfig(env).headers['content-security-policy']!;
    expect(csp).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://auth.example.org; frame-ancestors 'none'",
    );
    expect(csp).not.toMatch(/unsafe|\*/);
  });

  it('adds no connect-src when the token endpoint is on the pages’ own origin (the local runtime)', () => {
    const headers = signInPageHeaders(
      {
        authorizeUrl: 'http://127.0.0.1:3000/dev/authorize',
        tokenUrl: 'http://127.0.0.1:3000/dev/token',
        clientId: 'docshare-local',
      },
      'http://127.0.0.1:3000',
    );
    expect(headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    );
  });

  it('takes only the origin of the token URL, so a path or query cannot add directives', () => {
    const headers = signInPageHeaders(
      {
        authorizeUrl: env.CITIZEN_AUTHORIZE_URL,
        tokenUrl: "https://id.example.org:8443/t;%20script-src%20'unsafe-inline'?x=1 2",
        clientId: 'c',
      },
      env.PUBLIC_BASE_URL,
    );
    expect(headers['content-security-policy']).toContain("connect-src 'self' https://id.example.org:8443;");
    expect(headers['content-security-policy']).not.toContain('unsafe');
  });

  it('fails the cold start on a missing or non-http(s) endpoint', () => {
    expect(() => readSignInConfig({ ...env, CITIZEN_TOKEN_URL: undefined })).toThrow(/CITIZEN_TOKEN_URL/);
    expect(() => readSignInConfig({ ...env, CITIZEN_AUTHORIZE_URL: 'javascript:alert(1)' })).toThrow(
      /CITIZEN_AUTHORIZE_URL/,
    );
  });

  it('is written into the page as an escaped <meta>, not a script', () => {
    const { oidc } = readSignInConfig({ ...env, CITIZEN_CLIENT_ID: 'a"><script>x</script>' });
    const html = renderPage('wallet', 'uk', '/wallet', oidc);
    const meta = /<meta name="docshare-oidc" content="([^"]*)">/.exec(html);
    expect(meta).not.toBeNull();
    const decoded = meta![1]!.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
    expect(JSON.parse(decoded)).toEqual(oidc);
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script src="/assets/app.js" defer>']);
    expect(html).toContain('id="sign-in-button"');
  });
});
