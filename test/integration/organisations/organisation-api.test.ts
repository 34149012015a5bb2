import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRnokpp } from '../../../functions/core/checks/rnokpp';
import { bootRuntime, callApi } from '../support/runtime';
import { citizenOf } from '../support/sharing';
import {
  admin,
  edrpouFrom,
  freshEdrpou,
  posterPdf,
  posterQrUrl,
  registerOrganisation,
  registrationBody,
  uniqueEmail,
  VERIFICATION_LINK,
  verifyByMail,
  waitForMail,
} from './support';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

// The organisation API's refusals: bad tax ids and e-mails, malformed, oversized and hostile input,
// other citizens' organisations, unverified branches, PINs, verification links.
describe('organisations API', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await bootRuntime();
  });
  afterAll(async () => runtime?.dispose());

  const owner = () => citizenOf(runtime, 'cit_demo_2');
  const register = (body: unknown, token = owner().token) =>
    callApi(runtime, 'POST', '/v1/me/organisations', { token, body });

  /** An organisation whose branch is not verified, with its poster's qrCode. */
  async function unverifiedPoster() {
    const org = await registerOrganisation(runtime, 'cit_demo_2', uniqueEmail('unverified'));
    const ids = {
      orgId: org.orgId,
      branchId: org.branches[0]!.branchId,
      serviceId: org.services[0]!.serviceId,
    };
    const url = await posterQrUrl((await posterPdf(runtime, 'cit_demo_2', ids)).pdf);
    return { org, ids, qrCode: url.split('/').pop()! };
  }

  it('activates an organisation the business registry says the registrant heads, under the registry’s name', async () => {
    const [company] = runtime.local.citizens.find((c) => c.citizenId === 'cit_demo_2')!.companies;
    const answer = await register(
      registrationBody(uniqueEmail('registry'), { taxId: company!.taxId, name: 'Клініка (як я її назвав)' }),
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'active', name: company!.name, taxId: company!.taxId });
    // A live organisation's tax id is taken: nobody registers it again.
    const again = await register(registrationBody(uniqueEmail('again'), { taxId: company!.taxId }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'conflict' });
  });

  it('keeps an organisation under someone else’s tax id in review: no poster, no share, until an operator approves', async () => {
    // cit_demo_2 tries to pass as a company the registry says cit_demo_1 heads.
    const [theirs] = runtime.local.citizens.find((c) => c.citizenId === 'cit_demo_1')!.companies;
    const answer = await register(
      registrationBody(uniqueEmail('impostor'), { taxId: theirs!.taxId, name: 'Справжній готель' }),
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'pending_review', name: 'Справжній готель' });
    const org = answer.body as {
      orgId: string;
      branches: Array<{ branchId: string }>;
      services: Array<{ serviceId: string }>;
    };
    const poster = `/v1/me/organisations/${org.orgId}/branches/${org.branches[0]!.branchId}/services/${org.services[0]!.serviceId}/poster`;
    const refused = await callApi(runtime, 'GET', poster, { token: owner().token });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'conflict' });
    // An active organisation cannot move to another company's tax id without review either.
    const honest = await registerOrganisation(runtime, 'cit_demo_2', uniqueEmail('honest'));
    const moved = await callApi(runtime, 'PUT', `/v1/me/organisations/${honest.orgId}`, {
      token: owner().token,
      body: { name: 'Готель', taxId: freshEdrpou() },
    });
    expect(moved.body).toMatchObject({ status: 'pending_review' });

    await admin(runtime, { command: 'organisation.approve', orgId: org.orgId });
    const shown = await callApi(runtime, 'GET', `/v1/me/organisations/${org.orgId}`, {
      token: owner().token,
    });
    expect(shown.body).toMatchObject({ status: 'active' });
    expect(
      (await fetch(`${runtime.apiUrl}${poster}`, { headers: { authorization: `Bearer ${owner().token}` } }))
        .status,
    ).toBe(200);
  });

  it('lists each demo citizen’s companies in local.json', () => {
    for (const citizen of runtime.local.citizens) {
      expect(citizen.companies.length, citizen.citizenId).toBeGreaterThanOrEqual(1);
      for (const company of citizen.companies) expect(company.taxId).toMatch(/^\d{8}$/);
    }
  });

  it('accepts an EDRPOU or a sole trader’s RNOKPP, and refuses tax ids with a wrong check digit', async () => {
    const edrpou = freshEdrpou();
    const wrongEdrpou = `${edrpou.slice(0, 7)}${(Number(edrpou[7]) + 1) % 10}`;
    const rnokpp = makeRnokpp('1985-04-12', 'F', 17);
    const wrongRnokpp = `${rnokpp.slice(0, 9)}${(Number(rnokpp[9]) + 1) % 10}`;
    expect((await register(registrationBody(uniqueEmail('a'), { taxId: edrpou }))).status).toBe(201);
    expect((await register(registrationBody(uniqueEmail('b'), { taxId: rnokpp }))).status).toBe(201);
    for (const taxId of [wrongEdrpou, wrongRnokpp, '123', '123456789', 'abcdefgh', 12345678, '1234567８']) {
      const answer = await register(registrationBody(uniqueEmail('c'), { taxId }));
      expect(answer.status, String(taxId)).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ code: 'invalid_request' });
    }
  });

  it('refuses bad e-mails, malformed, hostile and oversized bodies', async () => {
    const email = uniqueEmail('x');
    const branch = { name: 'Відділення', email, address: 'м. Київ' };
    const bad = [
      registrationBody('not-an-email'),
      registrationBody('a@b'),
      registrationBody('x@y.example\r\nBcc: victim@z.example'),
      registrationBody('<script>@x.example'),
      registrationBody(email, { branches: [] }),
      registrationBody(email, { services: [{ name: 'S', documentTypes: ['library-card'] }] }),
      registrationBody(email, { services: [{ name: 'S', documentTypes: [] }] }),
      registrationBody(email, { name: '' }),
      registrationBody(email, { name: 'x'.repeat(201) }),
      registrationBody(email, { branches: Array.from({ length: 21 }, () => branch) }),
      registrationBody(email, { extra: true }),
      registrationBody(email, { branches: [{ ...branch, callbackUrl: 'https://x.example' }] }),
      JSON.parse('{"__proto__": {"admin": true}, "name": "x"}'),
      [],
      'text',
      null,
    ];
    for (const body of bad) expect((await register(body)).status, JSON.stringify(body)).toBe(400);
    const token = owner().token;
    const raw = (rawBody: string, contentType = 'application/json') =>
      callApi(runtime, 'POST', '/v1/me/organisations', { token, rawBody, contentType });
    expect((await raw('{"name":')).status).toBe(400);
    expect((await raw('name=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    const huge = await raw(JSON.stringify(registrationBody(email, { name: 'x'.repeat(1024 * 1024 + 10) })));
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ code: 'payload_too_large' });
    expect(
      (await callApi(runtime, 'POST', '/v1/me/organisations', { body: registrationBody(email) })).status,
    ).toBe(401);
    // Markup is text: stored and answered as JSON, never interpreted.
    const markup = await register(
      registrationBody(uniqueEmail('m'), { name: '<img src=x onerror=alert(1)>' }),
    );
    expect(markup.status).toBe(201);
    expect(markup.body.name).toBe('<img src=x onerror=alert(1)>');
  });

  it('answers 404 for another citizen’s organisation and keeps it out of their list', async () => {
    const { ids } = await unverifiedPoster();
    const stranger = citizenOf(runtime, 'cit_demo_1').token;
    const base = `/v1/me/organisations/${ids.orgId}`;
    for (const [method, path, body] of [
      ['GET', base],
      ['PUT', base, { name: 'Чуже', taxId: edrpouFrom('1234567') }],
      ['DELETE', base],
      ['POST', `${base}/branches`, { name: 'B', email: uniqueEmail('s'), address: 'A' }],
      ['PUT', `${base}/branches/${ids.branchId}`, { name: 'B', email: uniqueEmail('s'), address: 'A' }],
      ['DELETE', `${base}/branches/${ids.branchId}`],
      ['POST', `${base}/branches/${ids.branchId}/email-verifications`],
      ['POST', `${base}/services`, { name: 'S', documentTypes: ['internal-passport'] }],
      ['DELETE', `${base}/services/${ids.serviceId}`],
      ['GET', `${base}/branches/${ids.branchId}/services/${ids.serviceId}/poster`],
    ] as const) {
      const answer = await callApi(runtime, method, path, { token: stranger, body });
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    const theirs = await callApi<{ items: Array<{ orgId: string }> }>(
      runtime,
      'GET',
      '/v1/me/organisations',
      {
        token: stranger,
      },
    );
    expect(theirs.body.items.some((item) => item.orgId === ids.orgId)).toBe(false);
    const mine = await callApi<{ items: Array<{ orgId: string }> }>(runtime, 'GET', '/v1/me/organisations', {
      token: owner().token,
    });
    expect(mine.body.items.some((item) => item.orgId === ids.orgId)).toBe(true);
    expect(
      (await callApi(runtime, 'GET', '/v1/me/organisations/not-an-id', { token: stranger })).status,
    ).toBe(400);
  });

  it('refuses to share with a branch whose e-mail is not verified, with a clear problem', async () => {
    const { qrCode } = await unverifiedPoster();
    const info = await callApi(runtime, 'GET', `/v1/qr/${qrCode}`);
    expect(info.body).toMatchObject({ acceptsShares: false });
    const visitor = citizenOf(runtime, 'cit_demo_1');
    const refused = await callApi(runtime, 'POST', `/v1/me/qr/${qrCode}/shares`, {
      token: visitor.token,
      body: { pin: visitor.pin },
    });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'conflict', detail: expect.stringContaining('not verified') });
  });

  it('checks the PIN as everywhere: 403 with attempts left, then 423 after five wrong PINs', async () => {
    const email = uniqueEmail('pin');
    const org = await registerOrganisation(runtime, 'cit_demo_2', email);
    expect((await verifyByMail(runtime, email)).answer.status).toBe(200);
    const ids = {
      orgId: org.orgId,
      branchId: org.branches[0]!.branchId,
      serviceId: org.services[0]!.serviceId,
    };
    const qrCode = (await posterQrUrl((await posterPdf(runtime, 'cit_demo_2', ids)).pdf)).split('/').pop()!;
    const visitor = citizenOf(runtime, 'cit_demo_3');
    const share = (pin: string) =>
      callApi(runtime, 'POST', `/v1/me/qr/${qrCode}/shares`, { token: visitor.token, body: { pin } });
    const wrong = visitor.pin === '99999' ? '88888' : '99999';
    const first = await share(wrong);
    expect(first.status).toBe(403);
    expect(first.body).toMatchObject({ code: 'pin_invalid', attemptsLeft: 4 });
    for (let i = 0; i < 3; i++) expect((await share(wrong)).status).toBe(403);
    const locked = await share(wrong);
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ code: 'pin_locked' });
    expect(locked.headers.get('retry-after')).toBeTruthy();
    expect((await share(visitor.pin)).status).toBe(423);
    expect((await share('')).status).toBe(423);
    expect(
      (await callApi(runtime, 'POST', `/v1/me/qr/${qrCode}/shares`, { body: { pin: wrong } })).status,
    ).toBe(401);
    const malformed = await callApi(runtime, 'POST', `/v1/me/qr/${qrCode}/shares`, {
      token: visitor.token,
      body: { pin: 12345 },
    });
    expect(malformed.status).toBe(400);
  });

  it('binds a QR share to what the visitor saw: 409 if the owner changed the service in between', async () => {
    const email = uniqueEmail('bound');
    const org = await registerOrganisation(runtime, 'cit_demo_2', email);
    expect((await verifyByMail(runtime, email)).answer.status).toBe(200);
    const ids = {
      orgId: org.orgId,
      branchId: org.branches[0]!.branchId,
      serviceId: org.services[0]!.serviceId,
    };
    const qrCode = (await posterQrUrl((await posterPdf(runtime, 'cit_demo_2', ids)).pdf)).split('/').pop()!;
    const shown = await callApi<{ version: string; documentTypes: string[] }>(
      runtime,
      'GET',
      `/v1/qr/${qrCode}`,
    );
    expect(shown.body.version).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // The owner widens the service after the visitor looked at the page.
    const changed = await callApi(
      runtime,
      'PUT',
      `/v1/me/organisations/${org.orgId}/services/${ids.serviceId}`,
      {
        token: owner().token,
        body: {
          name: 'Запис до лікаря',
          documentTypes: ['internal-passport', 'taxpayer-card', 'foreign-passport'],
        },
      },
    );
    expect(changed.status).toBe(200);
    const visitor = citizenOf(runtime, 'cit_demo_1');
    const share = (version: string) =>
      callApi(runtime, 'POST', `/v1/me/qr/${qrCode}/shares`, {
        token: visitor.token,
        body: { pin: visitor.pin, version },
      });
    const stale = await share(shown.body.version);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'conflict' });
    const now = await callApi<{ version: string }>(runtime, 'GET', `/v1/qr/${qrCode}`);
    expect(now.body.version).not.toBe(shown.body.version);
    expect((await share(now.body.version)).status).toBe(202);
  });

  it('uses verification links once; unknown and malformed links are refused', async () => {
    const email = uniqueEmail('once');
    await registerOrganisation(runtime, 'cit_demo_2', email);
    const { link, answer } = await verifyByMail(runtime, email);
    expect(answer.status).toBe(200);
    const again = await fetch(link);
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ code: 'gone' });
    const unknown = await fetch(`${runtime.apiUrl}/v1/qr/email-verifications/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect((await fetch(`${runtime.apiUrl}/v1/qr/email-verifications/short`)).status).toBe(400);
    expect((await fetch(`${runtime.apiUrl}/v1/qr/email-verifications/${'%3Cx%3E'.repeat(8)}`)).status).toBe(
      400,
    );
  });

  it('lets the owner edit and delete: a new address is verified again; deleted services end their QR codes', async () => {
    const email = uniqueEmail('edit');
    const org = await registerOrganisation(runtime, 'cit_demo_2', email);
    const { link: oldLink } = await waitForMail(runtime, email, (m) =>
      VERIFICATION_LINK.test(m.Body.text_part ?? ''),
    ).then((mail) => ({ link: VERIFICATION_LINK.exec(mail.Body.text_part!)![0] }));
    const token = owner().token;
    const base = `/v1/me/organisations/${org.orgId}`;
    const branchId = org.branches[0]!.branchId;
    const newEmail = uniqueEmail('moved');
    const replaced = await callApi(runtime, 'PUT', `${base}/branches/${branchId}`, {
      token,
      body: { name: 'Відділення на Оболоні', email: newEmail, address: 'м. Київ, пр. Героїв Сталінграда, 2' },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ emailStatus: 'pending_verification', email: newEmail });
    // The link mailed to the old address no longer verifies anything.
    expect((await fetch(oldLink)).status).toBe(410);
    expect((await verifyByMail(runtime, newEmail)).answer.status).toBe(200);

    const renamed = await callApi(runtime, 'PUT', base, {
      token,
      body: { name: 'ФОП Коваль', taxId: makeRnokpp('1990-01-01', 'M', 3) },
    });
    expect(renamed.status).toBe(200);
    // Another tax id is judged afresh: the registry does not know this sole trader, so it waits for review.
    expect(renamed.body).toMatchObject({ name: 'ФОП Коваль', status: 'pending_review' });
    await admin(runtime, { command: 'organisation.approve', orgId: org.orgId });
    const added = await callApi<{ serviceId: string }>(runtime, 'POST', `${base}/services`, {
      token,
      body: { name: 'Довідка', documentTypes: ['birth-certificate'] },
    });
    expect(added.status).toBe(201);
    const changed = await callApi(runtime, 'PUT', `${base}/services/${added.body.serviceId}`, {
      token,
      body: { name: 'Довідка для школи', documentTypes: ['birth-certificate', 'birth-certificate'] },
    });
    expect(changed.body).toMatchObject({ name: 'Довідка для школи', documentTypes: ['birth-certificate'] });

    const ids = { orgId: org.orgId, branchId, serviceId: added.body.serviceId };
    const qrCode = (await posterQrUrl((await posterPdf(runtime, 'cit_demo_2', ids)).pdf)).split('/').pop()!;
    expect((await callApi(runtime, 'GET', `/v1/qr/${qrCode}`)).body).toMatchObject({
      organisation: { name: 'ФОП Коваль' },
      service: { name: 'Довідка для школи' },
    });
    expect(
      (await callApi(runtime, 'DELETE', `${base}/services/${added.body.serviceId}`, { token })).status,
    ).toBe(204);
    expect((await callApi(runtime, 'GET', `/v1/qr/${qrCode}`)).status).toBe(404);

    const branch = await callApi<{ branchId: string }>(runtime, 'POST', `${base}/branches`, {
      token,
      body: { name: 'Третє', email: uniqueEmail('third'), address: 'м. Львів' },
    });
    expect(branch.status).toBe(201);
    expect(
      (await callApi(runtime, 'DELETE', `${base}/branches/${branch.body.branchId}`, { token })).status,
    ).toBe(204);
    expect((await callApi(runtime, 'DELETE', base, { token })).status).toBe(204);
    expect((await callApi(runtime, 'GET', base, { token })).status).toBe(404);
  });

  it('answers 404 for unknown QR codes and 400 for malformed ones', async () => {
    expect((await callApi(runtime, 'GET', `/v1/qr/${'Z'.repeat(22)}`)).status).toBe(404);
    expect((await callApi(runtime, 'GET', '/v1/qr/%27%20OR%201=1')).status).toBe(400);
    const visitor = citizenOf(runtime, 'cit_demo_1');
    const share = await callApi(runtime, 'POST', `/v1/me/qr/${'Z'.repeat(22)}/shares`, {
      token: visitor.token,
      body: { pin: visitor.pin },
    });
    expect(share.status).toBe(404);
  });
});
