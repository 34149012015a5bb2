import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolsAvailable } from '../../support/external-tools';
import { bootRuntime } from '../support/runtime';
import { citizenOf } from '../support/sharing';
import { launchChromium, lowContrastText, openPhone, signInAs } from '../web/browser';
import {
  organisationWithPoster,
  posterPdf,
  posterQrUrl,
  registerOrganisation,
  uniqueEmail,
  waitForMail,
} from './support';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

// The page a poster's QR opens, in real headless Chromium under the pages' strict CSP.
describe.runIf(toolsAvailable('chromium'))('the /q/{qrCode} page', () => {
  let runtime: Runtime;
  let browser: Browser;
  beforeAll(async () => {
    runtime = await bootRuntime();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.dispose();
  });

  it('shows who asks for what, signs the visitor in and shares with the PIN; the branch gets the e-mail', async () => {
    const { email, url } = await organisationWithPoster(runtime, 'page');

    const { page, problems, screenshot } = await openPhone(browser, 'qr');
    await page.goto(url);
    const request = page.locator('#qr-request');
    await request.waitFor({ state: 'visible' });
    expect(await request.textContent()).toContain('ТОВ «Клініка Здоров’я»');
    expect(await request.textContent()).toContain('Запис до лікаря');
    expect(await request.textContent()).toContain('Паспорт громадянина України');
    await signInAs(page, 'cit_demo_1');
    await screenshot('share');

    await page
      .getByLabel('PIN-код (5 цифр)')
      .fill('00000' === citizenOf(runtime, 'cit_demo_1').pin ? '11111' : '00000');
    await page.getByRole('button', { name: 'Поділитися' }).click();
    await expect
      .poll(() => page.locator('#qr-pin-error').textContent(), { timeout: 15_000 })
      .toContain('Неправильний PIN-код');
    await page.getByLabel('PIN-код (5 цифр)').fill(citizenOf(runtime, 'cit_demo_1').pin);
    await page.getByRole('button', { name: 'Поділитися' }).click();
    await page.locator('#outcome').waitFor({ state: 'visible' });
    expect(await page.locator('#outcome').textContent()).toContain('надійдуть на e-mail відділення');
    await screenshot('shared');
    expect(await lowContrastText(page)).toEqual([]);
    const mail = await waitForMail(runtime, email, (m) => m.Subject.startsWith('docshare: копії'), 60_000);
    expect(mail.RawData).toContain('application/pdf');
    // The wrong PIN's 403 is logged by the browser as a failed resource; nothing else may be.
    expect(problems.filter((p) => !p.includes('status of 403'))).toEqual([]);
  });

  it('says so when the branch cannot receive copies yet, and when the code is unknown', async () => {
    const org = await registerOrganisation(runtime, 'cit_demo_2', uniqueEmail('pending'));
    const ids = {
      orgId: org.orgId,
      branchId: org.branches[0]!.branchId,
      serviceId: org.services[0]!.serviceId,
    };
    const url = await posterQrUrl((await posterPdf(runtime, 'cit_demo_2', ids)).pdf);
    const { page, problems } = await openPhone(browser, 'qr-pending');
    await page.goto(url);
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 15_000 })
      .toContain('ще не підтвердило');
    expect(await page.locator('#sign-in').isVisible()).toBe(false);
    await page.goto(`${runtime.apiUrl}/q/${'Z'.repeat(22)}?lang=en`);
    await expect.poll(() => page.locator('#status').textContent()).toContain('not found');
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
  });
});
