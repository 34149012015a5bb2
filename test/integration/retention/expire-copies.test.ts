import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CopyRecord, CopyStore } from '../../../functions/core/copies/copy-record';
import { retentionEnvironment } from '../../../infra/config/retention';
import { bootRuntime, callApi, useAdaptersOf } from '../support/runtime';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

// Copies are written through the real copy-store adapter (as the issuing task writes them), with
// expiry times in the past: the hourly job (here run by the operator command) must mark them.
describe('the copy expiry job (F8)', () => {
  let runtime: Runtime;
  let copies: CopyStore;

  const record = (expiresAt: string): CopyRecord => ({
    copyId: randomUUID(),
    status: 'valid',
    documentType: 'internal-passport',
    issuedTo: {
      partnerId: 'pt_test',
      partnerName: 'Тест-банк',
      branchId: 'br_test',
      branchName: 'Відділення',
    },
    purpose: 'Перевірка',
    generatedAt: new Date(Date.parse(expiresAt) - 30 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    expiresAt,
    pdfKey: 'copies/none.pdf',
    pdfSha256: '0'.repeat(64),
    metadataSha256: '0'.repeat(64),
    requestId: randomUUID(),
    citizenId: 'cit_demo_1',
    docId: 'doc_demo_1_passport',
  });
  const expireNow = async () =>
    (await runtime.lambdas.invoke(runtime.local.adminFunctionName, { command: 'copies.expire' })) as {
      ok: boolean;
      result: { expired: number };
    };

  beforeAll(async () => {
    runtime = await bootRuntime();
    useAdaptersOf(runtime, retentionEnvironment());
    ({ dynamoCopyStore: copies } = await import('../../../functions/adapters/dynamo/copy-store'));
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  it('marks copies past their expiry expired, leaves live and revoked ones alone; verification says expired', async () => {
    const past = record(new Date(Date.now() - 60_000).toISOString());
    const future = record(new Date(Date.now() + 86_400_000).toISOString());
    const revoked = record(new Date(Date.now() - 120_000).toISOString());
    for (const copy of [past, future, revoked]) expect(await copies.createCopy(copy)).toBe(true);
    expect(await copies.markCopyStatus(revoked.copyId, 'revoked')).toBe(true);

    expect(await expireNow()).toMatchObject({ ok: true, result: { expired: 1 } });
    expect((await copies.getCopy(past.copyId))?.status).toBe('expired');
    expect((await copies.getCopy(future.copyId))?.status).toBe('valid');
    expect((await copies.getCopy(revoked.copyId))?.status).toBe('revoked');

    const verified = await callApi(runtime, 'GET', `/v1/verify/copies/${past.copyId}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'expired', documentType: 'internal-passport' });
    const live = await callApi(runtime, 'GET', `/v1/verify/copies/${future.copyId}`);
    expect(live.body).toMatchObject({ status: 'valid' });

    // Marked copies left the expiry index: a second run finds nothing.
    expect(await expireNow()).toMatchObject({ ok: true, result: { expired: 0 } });
  });

  it('runs from the local scheduler as the hourly rule would', async () => {
    const past = record(new Date(Date.now() - 1000).toISOString());
    expect(await copies.createCopy(past)).toBe(true);
    const rule = runtime.scheduler.rules.find((r) =>
      r.targets.some((t) => t.functionName.includes('ExpireCopies')),
    )!;
    const [outcome] = await runtime.scheduler.runNow(rule.logicalId);
    expect(outcome).toEqual({ expired: 1 });
    expect((await copies.getCopy(past.copyId))?.status).toBe('expired');
  });
});
