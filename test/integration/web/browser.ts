import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

// Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, for the web pages.

export const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../test-output/screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PhonePage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions, CSP violations included ("Refused to …"). */
  problems: string[];
  screenshot(name: string): Promise<void>;
}

/** A fresh, isolated browser context the size of a phone (sessionStorage starts empty). */
export async function openPhone(browser: Browser, testName: string): Promise<PhonePage> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'uk-UA' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  let step = 0;
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    context,
    problems,
    async screenshot(name) {
      step++;
      await page.screenshot({
        path: path.join(SCREENSHOTS, `${testName}-${String(step).padStart(2, '0')}-${name}.png`),
        fullPage: true,
      });
    },
  };
}

/**
 * Signs in as a citizen does: the page's sign-in button → the identity provider's sign-in page (the
 * local dev provider's /dev/authorize: OpenID Connect code flow with PKCE) → pick the citizen → back
 * on the page the sign-in started from, signed in, with no code or state left in its address.
 */
export async function signInAs(page: Page, citizenId: string): Promise<void> {
  const start = new URL(page.url());
  await page.getByRole('button', { name: /^(Увійти|Sign in)$/ }).click();
  await page.waitForURL((url) => url.pathname === '/dev/authorize');
  await page.getByLabel(/^(Громадянин|Citizen)$/).selectOption(citizenId);
  await page.getByRole('button', { name: /^(Увійти|Sign in)$/ }).click();
  await page.locator('#account').waitFor({ state: 'visible' });
  const back = new URL(page.url());
  if (back.pathname !== start.pathname || back.search !== start.search) {
    throw new Error(`Signed in on ${back.pathname}${back.search}, not ${start.pathname}${start.search}`);
  }
}

// WCAG 2.x contrast of every visible text against the first opaque background behind it (AA: 4.5:1,
// 3:1 for large text). Runs in the page, hence a string: the test project has no DOM types.
const CONTRAST_CHECK = `(() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (e) => {
    for (; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  for (const e of document.querySelectorAll('body *')) {
    if (!e.checkVisibility || !e.checkVisibility()) continue;
    const ownText = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!ownText) continue;
    const style = getComputedStyle(e);
    const a = lum(rgb(style.color).slice(0, 3));
    const b = lum(background(e));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) failures.push(e.tagName + '#' + e.id + ' ' + ratio.toFixed(2));
  }
  return failures;
})()`;

export function lowContrastText(page: Page): Promise<string[]> {
  return page.evaluate(CONTRAST_CHECK) as Promise<string[]>;
}
