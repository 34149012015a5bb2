import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, toolsAvailable } from '../../support/external-tools';
import { bootRuntime, callApi } from '../support/runtime';
import { approve, citizenOf, decryptPackage, partnerRequest, submitShare } from '../support/sharing';
import { eventually, startWebhookReceiver } from '../support/webhook-receiver';

// Field-level minimisation: an offer that names fields gets extracts — the package's data, the
// signed PDF and the verification answer hold those fields only — and the citizen sees exactly what
// goes before approving.

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

const NAME_AND_BIRTH_DATE = ['surname', 'givenName', 'birthDate'];
const PASSPORT = {
  documentNumber: '004817265',
  recordNumber: '19900314-02468',
  address: 'Васильківська',
};

describe('offers that ask for fields: signed extracts', () => {
  let runtime: Runtime;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let branchId: string;
  const partner = (method: string, url: string, body?: unknown) =>
    callApi(runtime, method, url, { token: runtime.local.partner.apiKey, body });
  const offerBody = (fields: unknown) => ({
    name: 'Поселення',
    purpose: 'Реєстрація гостя',
    documentTypes: ['internal-passport', 'taxpayer-card'],
    fields,
  });
  const offerCount = async () =>
    ((await partner('GET', `/v1/partner/branches/${branchId}/offers?limit=100`)).body.items as unknown[])
      .length;

  beforeAll(async () => {
    runtime = await bootRuntime();
    receiver = await startWebhookReceiver();
    const branch = await partner('POST', '/v1/partner/branches', {
      name: 'Готель на Ринку',
      email: 'hotel@bank.example',
      address: 'м. Львів, пл. Ринок, 10',
      documentTypes: ['internal-passport', 'taxpayer-card'],
      callbackUrl: receiver.url,
    });
    branchId = String(branch.body.branchId);
  });
  afterAll(async () => {
    await receiver?.close();
    await runtime?.dispose();
  });

  it('refuses a bad selection with 400 naming the field, and creates nothing', async () => {
    const before = await offerCount();
    const refused = async (fields: unknown, named: string) => {
      const answer = await partner('POST', `/v1/partner/branches/${branchId}/offers`, offerBody(fields));
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.code).toBe('invalid_request');
      expect(JSON.stringify(answer.body)).toContain(named);
    };
    await refused({ 'internal-passport': ['surname', 'shoeSize'] }, 'internal-passport');
    await refused({ 'internal-passport': ['surname', 'shoeSize'] }, '1');
    // A type the offer does not ask for, an empty list, a type that does not exist, not a list.
    await refused({ 'driver-license': ['surname'] }, 'driver-license');
    await refused({ 'internal-passport': [] }, 'internal-passport');
    await refused({ 'secret-dossier': ['surname'] }, 'secret-dossier');
    await refused({ 'internal-passport': 'surname' }, 'internal-passport');
    await refused({ 'internal-passport': ['__proto__'] }, 'internal-passport');
    await refused({ 'internal-passport': Array.from({ length: 100 }, () => 'surname') }, 'internal-passport');
    expect(await offerCount()).toBe(before);
  });

  it('delivers an extract by deep link: exactly the chosen fields, in the package, the PDF and the verification', async () => {
    const created = await partner(
      'POST',
      `/v1/partner/branches/${branchId}/offers`,
      offerBody({ 'internal-passport': ['birthDate', 'surname', 'givenName', 'surname'] }),
    );
    expect(created.status).toBe(201);
    // Normalised: no duplicates, the document's print order.
    expect(created.body.fields).toEqual({ 'internal-passport': NAME_AND_BIRTH_DATE });
    const offerId = String(created.body.offerId);

    const requestId = randomUUID();
    const link = await partner('POST', `/v1/partner/branches/${branchId}/offers/${offerId}/deeplinks`, {
      requestId,
    });
    expect(link.status).toBe(201);
    const token = String(link.body.deeplink).split('/').pop()!;
    const citizen = citizenOf(runtime, 'cit_demo_1');
    const opened = await callApi(runtime, 'GET', `/v1/me/deeplinks/${token}`, { token: citizen.token });
    expect(opened.status).toBe(200);

    // What the citizen approves: per document, what goes and what does not, labelled.
    const pending = await callApi<{ items: Array<Record<string, unknown>> }>(
      runtime,
      'GET',
      '/v1/me/requests?status=pending_consent',
      { token: citizen.token },
    );
    const shown = pending.body.items.find((item) => item.requestId === requestId)!;
    const sharedFields = shown.sharedFields as Array<{
      documentType: string;
      extract: boolean;
      shared: Array<{ key: string; uk: string; en: string }>;
      notShared: Array<{ key: string }>;
    }>;
    const passportView = sharedFields.find((entry) => entry.documentType === 'internal-passport')!;
    expect(passportView.extract).toBe(true);
    expect(passportView.shared.map((field) => field.key)).toEqual(NAME_AND_BIRTH_DATE);
    expect(passportView.shared[2]).toEqual({ key: 'birthDate', uk: 'Дата народження', en: 'Date of birth' });
    expect(passportView.notShared.map((field) => field.key)).toEqual(
      expect.arrayContaining(['documentNumber', 'recordNumber', 'registeredAddress', 'patronymic']),
    );
    const cardView = sharedFields.find((entry) => entry.documentType === 'taxpayer-card')!;
    expect(cardView).toMatchObject({ extract: false, notShared: [] });

    expect((await approve(runtime, requestId)).status).toBe(200);
    const webhook = await eventually(async () =>
      receiver.received.find((w) => w.body.requestId === requestId),
    );
    expect(webhook.body.event).toBe('request.delivered');
    const { payload } = await decryptPackage(runtime, String(webhook.body.package));
    const passport = payload.documents.find((d: { type: string }) => d.type === 'internal-passport');
    expect(Object.keys(passport.data).sort()).toEqual([...NAME_AND_BIRTH_DATE].sort());
    expect(passport.data).toEqual({ surname: 'Щербина', givenName: 'Юлія', birthDate: '1990-03-14' });
    expect(passport).toMatchObject({ extract: true, fields: NAME_AND_BIRTH_DATE });
    const card = payload.documents.find((d: { type: string }) => d.type === 'taxpayer-card');
    expect(card.extract).toBeUndefined();
    expect(Object.keys(card.data).length).toBeGreaterThan(3);

    const pdf = Buffer.from(passport.pdf, 'base64');
    const verified = await fetch(`${runtime.apiUrl}/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: pdf,
    });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({
      signature: 'valid',
      modified: false,
      copy: {
        status: 'valid',
        documentType: 'internal-passport',
        extract: true,
        fields: NAME_AND_BIRTH_DATE,
      },
    });

    if (toolsAvailable('pdftotext', 'pdfsig')) {
      const dir = mkdtempSync(path.join(tmpdir(), 'docshare-extract-'));
      try {
        const file = path.join(dir, 'extract.pdf');
        writeFileSync(file, pdf);
        const text = (await runTool('pdftotext', ['-layout', file, '-'])).stdout;
        expect(text).toContain('Щербина');
        expect(text).toContain('Юлія');
        expect(text).toContain('14.03.1990');
        expect(text).toContain('Extract: 3 of 13 fields');
        expect(text).toContain('Витяг: 3 з 13 полів');
        expect(text).not.toContain(PASSPORT.documentNumber);
        expect(text).not.toContain(PASSPORT.recordNumber);
        expect(text).not.toContain(PASSPORT.address);
        expect(text).not.toContain('Олександрівна');
        const { stdout, stderr } = await runTool('pdfsig', [file]);
        expect(stdout + stderr).toContain('Signature is Valid.');
        expect(stdout + stderr).toContain('Total document signed');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    // Accountability: the history says which fields the partner received.
    await eventually(async () => (await partnerRequest(runtime, requestId)).body.status === 'delivered');
    const history = await callApi<{ items: Array<Record<string, unknown>> }>(
      runtime,
      'GET',
      '/v1/me/history',
      {
        token: citizen.token,
      },
    );
    const entry = history.body.items.find((item) => item.requestId === requestId)!;
    const copies = entry.copies as Array<{ type: string; fields?: string[] }>;
    expect(copies.find((copy) => copy.type === 'internal-passport')?.fields).toEqual(NAME_AND_BIRTH_DATE);
    expect(copies.find((copy) => copy.type === 'taxpayer-card')?.fields).toBeUndefined();
    expect(entry.fields).toEqual({ 'internal-passport': NAME_AND_BIRTH_DATE });
  });

  it('carries the selection through barcodes too, and a copy of the whole document stays one', async () => {
    const extractOffer = await partner(
      'POST',
      `/v1/partner/branches/${branchId}/offers`,
      offerBody({ 'internal-passport': ['surname'] }),
    );
    const { requestId, answer } = await submitShare(runtime, {
      branchId,
      offerId: String(extractOffer.body.offerId),
    });
    expect(answer.status).toBe(202);
    expect((await partnerRequest(runtime, requestId)).body.fields).toEqual({
      'internal-passport': ['surname'],
    });
    expect((await approve(runtime, requestId)).status).toBe(200);
    const webhook = await eventually(async () =>
      receiver.received.find((w) => w.body.requestId === requestId),
    );
    const { payload } = await decryptPackage(runtime, String(webhook.body.package));
    const passport = payload.documents.find((d: { type: string }) => d.type === 'internal-passport');
    expect(passport.data).toEqual({ surname: 'Щербина' });

    // Without `fields`, as before: the whole document, and verification says it is not an extract.
    const whole = await partner('POST', `/v1/partner/branches/${branchId}/offers`, {
      name: 'Рахунок',
      purpose: 'Відкриття рахунку',
      documentTypes: ['internal-passport'],
    });
    expect(whole.body.fields).toBeUndefined();
    const share = await submitShare(runtime, { branchId, offerId: String(whole.body.offerId) });
    expect((await approve(runtime, share.requestId)).status).toBe(200);
    const full = await eventually(async () =>
      receiver.received.find((w) => w.body.requestId === share.requestId),
    );
    const fullPackage = (await decryptPackage(runtime, String(full.body.package))).payload;
    const fullPassport = fullPackage.documents[0];
    expect(fullPassport.data.documentNumber).toBe(PASSPORT.documentNumber);
    const verified = await fetch(`${runtime.apiUrl}/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.from(fullPassport.pdf, 'base64'),
    });
    const body = (await verified.json()) as { copy: { extract: boolean; fields?: string[] } };
    expect(body.copy.extract).toBe(false);
    expect(body.copy.fields).toBeUndefined();
  });
});
