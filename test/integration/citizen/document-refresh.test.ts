import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootRuntime, callApi } from '../support/runtime';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;
type List<T = Record<string, unknown>> = { items: T[]; nextCursor?: string };

describe('document refresh (F9)', () => {
  let runtime: Runtime;
  const token = () => runtime.local.citizens.find((c) => c.citizenId === 'cit_demo_2')!.token;
  const documents = () => callApi<List>(runtime, 'GET', '/v1/me/documents', { token: token() });
  const notifications = (query = '') =>
    callApi<List>(runtime, 'GET', `/v1/me/notifications${query}`, { token: token() });
  const passport = (list: List) => list.items.find((d) => d.docId === 'doc_demo_2_foreign_passport');
  const refreshRule = () =>
    runtime.scheduler.rules.find((rule) =>
      rule.targets.some((target) => target.functionName.includes('RefreshDocuments')),
    )!;

  beforeAll(async () => {
    runtime = await bootRuntime();
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  it('runs the template’s scheduled rules locally: a daily refresh and an hourly copy expiry', () => {
    expect(refreshRule()).toMatchObject({ expression: 'rate(1 day)', periodMs: 86_400_000 });
    const expiry = runtime.scheduler.rules.find((rule) =>
      rule.targets.some((target) => target.functionName.includes('ExpireCopies')),
    );
    expect(expiry).toMatchObject({ expression: 'rate(1 hour)', periodMs: 3_600_000 });
  });

  it('refreshes the expired seeded passport from its registry and tells the citizen', async () => {
    expect(passport((await documents()).body)).toMatchObject({ status: 'expired', validUntil: '2024-05-20' });
    expect((await notifications()).body.items).toEqual([]);

    // A barcode the citizen is showing while the refresh runs keeps working, and opens the new version.
    const minted = await callApi(runtime, 'POST', '/v1/me/documents/doc_demo_2_foreign_passport/barcodes', {
      token: token(),
    });
    expect(minted.status).toBe(201);

    // The scheduler fires the rule as EventBridge would.
    const [outcome] = await runtime.scheduler.runNow(refreshRule().logicalId);
    expect(outcome).toMatchObject({ refreshed: 1 });

    const validated = await callApi(runtime, 'POST', '/v1/partner/document-validations', {
      token: runtime.local.partner.apiKey,
      body: { branchId: runtime.local.partner.branchId, barcode: minted.body.barcode },
    });
    expect(validated.status).toBe(200);
    expect(validated.body).toMatchObject({ valid: true, documentType: 'foreign-passport' });

    expect(passport((await documents()).body)).toMatchObject({ status: 'valid', validUntil: '2035-03-18' });
    const one = await callApi(runtime, 'GET', '/v1/me/documents/doc_demo_2_foreign_passport', {
      token: token(),
    });
    expect(one.body).toMatchObject({
      status: 'valid',
      data: { number: 'GA915307', expiryDate: '2035-03-18' },
    });

    const listed = await notifications();
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      {
        notificationId: expect.stringMatching(/^ntf_/),
        kind: 'document.refreshed',
        docId: 'doc_demo_2_foreign_passport',
        documentType: 'foreign-passport',
        validUntil: '2035-03-18',
        createdAt: expect.any(String),
        read: false,
      },
    ]);
    const id = listed.body.items[0]!.notificationId as string;
    const read = await callApi(runtime, 'POST', `/v1/me/notifications/${id}/read`, { token: token() });
    expect(read.status).toBe(204);
    expect((await notifications()).body.items[0]).toMatchObject({ notificationId: id, read: true });

    // Nothing newer in the registry now: the operator's run (the CLI's path) changes nothing.
    const again = (await runtime.lambdas.invoke(runtime.local.adminFunctionName, {
      command: 'documents.refresh',
    })) as { ok: boolean; result: { refreshed: number } };
    expect(again).toMatchObject({ ok: true, result: { refreshed: 0 } });
    expect((await notifications()).body.items).toHaveLength(1);
  });

  it('answers 404 for an unknown or someone else’s notification, and 400 for a malformed id', async () => {
    const other = runtime.local.citizens.find((c) => c.citizenId === 'cit_demo_1')!.token;
    const mine = (await notifications()).body.items[0]?.notificationId as string | undefined;
    if (mine) {
      const foreign = await callApi(runtime, 'POST', `/v1/me/notifications/${mine}/read`, { token: other });
      expect(foreign.status).toBe(404);
    }
    const unknown = await callApi(runtime, 'POST', '/v1/me/notifications/ntf_nothere/read', {
      token: token(),
    });
    expect(unknown.status).toBe(404);
    const malformed = await callApi(runtime, 'POST', '/v1/me/notifications/x%20y/read', { token: token() });
    expect(malformed.status).toBe(400);
    expect((await notifications('?limit=0')).status).toBe(400);
  });
});
