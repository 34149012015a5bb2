import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolsAvailable } from '../../support/external-tools';
import { bootRuntime, callApi } from '../support/runtime';
import { launchChromium } from './browser';

// GET /docs in real headless Chromium: the reference is rendered from the service's own
// /openapi.json by the self-hosted renderer, under the pages' CSP, with no request leaving the service.

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

describe.skipIf(!toolsAvailable('chromium'))('the API reference at /docs', () => {
  let runtime: Runtime;
  let browser: Browser;

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([bootRuntime(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.dispose();
  });

  it('serves an HTML page under the pages’ CSP that loads only same-origin scripts', async () => {
    const answer = await callApi(runtime, 'GET', '/docs');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(String(answer.body)).not.toMatch(/https?:\/\//);
  });

  it('lists POST /v1/partner/document-requests with its example, fetching nothing from elsewhere', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));

    await page.goto(`${runtime.apiUrl}/docs`);
    const operation = page.locator('.opblock-post', { hasText: '/v1/partner/document-requests' }).first();
    await operation.waitFor();
    await operation.locator('.opblock-summary').click();
    const example = operation.locator('.body-param__example, .highlight-code, .microlight').first();
    await example.waitFor();
    expect(await operation.textContent()).toContain('4820024700016');

    const origin = new URL(runtime.apiUrl).origin;
    const elsewhere = requests.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url));
    expect(elsewhere).toEqual([]);
    expect(requests).toContain(`${origin}/openapi.json`);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
