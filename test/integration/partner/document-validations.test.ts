import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCitizens } from '../../../local/seed/citizens';
import { createPartner } from '../support/partners';
import { bootRuntime, callApi } from '../support/runtime';
import { eventually } from '../support/webhook-receiver';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

describe('document validations without personal data', () => {
  let runtime: Runtime;
  let key: string;
  let branchId: string;
  const citizen = (id: string) => runtime.local.citizens.find((c) => c.citizenId === id)!;

  const barcodeFor = async (citizenId: string, docId: string) => {
    const answer = await callApi(runtime, 'POST', `/v1/me/documents/${docId}/barcodes`, {
      token: citizen(citizenId).token,
    });
    expect(answer.status).toBe(201);
    return String(answer.body.barcode);
  };
  const validate = (body: Record<string, unknown>, token = key) =>
    callApi(runtime, 'POST', '/v1/partner/document-validations', { token, body: { branchId, ...body } });

  beforeAll(async () => {
    runtime = await bootRuntime();
    key = runtime.local.partner.apiKey;
    branchId = runtime.local.partner.branchId!;
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  it('answers yes/no checks and a signed attestation that verifies with the published JWKS', async () => {
    const barcode = await barcodeFor('cit_demo_1', 'doc_demo_1_passport');
    const answer = await validate({
      barcode,
      checks: { ageOver: 18, fullName: 'Shcherbyna Yuliia', birthDate: '1990-03-14' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      valid: true,
      documentType: 'internal-passport',
      checks: { ageOver: true, fullName: true, birthDate: true },
    });
    const jwks = createRemoteJWKSet(new URL(`${runtime.apiUrl}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(String(answer.body.attestation), jwks);
    expect(protectedHeader.alg).toBe('ES256');
    const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
    expect(payload).toMatchObject({
      iss: expect.any(String),
      aud: runtime.local.partner.partnerId,
      sub: expect.stringMatching(/^doc_[A-Za-z0-9_-]{32}$/),
      partnerId: runtime.local.partner.partnerId,
      branchId,
      documentType: 'internal-passport',
      valid: true,
      // Each predicate with what was asked: the parameter, or the digest of the value given.
      checks: {
        ageOver: { min: 18, result: true },
        fullName: { sha256: sha256('Shcherbyna Yuliia'), result: true },
        birthDate: { sha256: sha256('1990-03-14'), result: true },
      },
      jti: expect.any(String),
    });
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(60);
  });

  it('binds an attestation to the document by a pseudonym that differs between partners', async () => {
    const sub = async (token: string, branch: string) => {
      const answer = await callApi(runtime, 'POST', '/v1/partner/document-validations', {
        token,
        body: {
          branchId: branch,
          barcode: await barcodeFor('cit_demo_1', 'doc_demo_1_passport'),
          checks: { ageOver: 21 },
        },
      });
      expect(answer.status).toBe(200);
      const claims = decodeJwt(String(answer.body.attestation));
      expect(claims.checks).toEqual({ ageOver: { min: 21, result: true } });
      return claims.sub;
    };
    const first = await sub(key, branchId);
    expect(await sub(key, branchId)).toBe(first);
    const other = await createPartner(runtime, 'Інший перевіряльник', ['internal-passport']);
    const otherBranch = await callApi(runtime, 'POST', '/v1/partner/branches', {
      token: other.apiKey,
      body: { name: 'B', email: 'b@example.org', address: 'Київ', documentTypes: ['internal-passport'] },
    });
    const theirs = await sub(other.apiKey, String(otherBranch.body.branchId));
    expect(theirs).not.toBe(first);
    expect(String(first)).not.toContain('doc_demo_1');
  });

  it('answers false for checks that do not hold, and invalid for an expired document', async () => {
    const wrong = await validate({
      barcode: await barcodeFor('cit_demo_1', 'doc_demo_1_passport'),
      checks: { ageOver: 60, fullName: 'Іваненко Іван', birthDate: '1990-03-15' },
    });
    expect(wrong.body).toMatchObject({
      valid: true,
      checks: { ageOver: false, fullName: false, birthDate: false },
    });
    const expired = await validate({
      barcode: await barcodeFor('cit_demo_2', 'doc_demo_2_foreign_passport'),
    });
    expect(expired.status).toBe(200);
    expect(expired.body).toMatchObject({ valid: false, documentType: 'foreign-passport' });
  });

  it('uses a barcode once', async () => {
    const barcode = await barcodeFor('cit_demo_1', 'doc_demo_1_passport');
    expect((await validate({ barcode })).status).toBe(200);
    const again = await validate({ barcode });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: 'not_found' });
  });

  it('refuses a malformed barcode with 422 and an unknown one with 404', async () => {
    for (const barcode of ['123456789012', '12345678901234', '4006381333932', 'abcdefghijklm']) {
      const answer = await validate({ barcode });
      expect(answer.status, barcode).toBe(422);
      expect(answer.body).toMatchObject({ code: 'barcode_invalid' });
    }
    expect((await validate({ barcode: '4006381333931' })).status).toBe(404);
  });

  it('refuses bad bodies with 400/413/415 and another partner’s branch with 404', async () => {
    const barcode = await barcodeFor('cit_demo_1', 'doc_demo_1_passport');
    for (const body of [
      { barcode, checks: { ageOver: -1 } },
      { barcode, checks: { birthDate: '14.03.1990' } },
      { barcode, checks: { shoeSize: 38 } },
      { barcode, extra: true },
      { barcode: 4006381333931 },
      { barcode, branchId: 'br_' },
    ]) {
      expect((await validate(body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await validate({ barcode, checks: { fullName: 'я'.repeat(1024 * 1024) } })).status).toBe(413);
    const wrongType = await callApi(runtime, 'POST', '/v1/partner/document-validations', {
      token: key,
      rawBody: `branchId=${branchId}`,
      contentType: 'text/plain',
    });
    expect(wrongType.status).toBe(415);
    const other = await createPartner(runtime, 'Інший банк', ['internal-passport']);
    expect((await validate({ barcode }, other.apiKey)).status).toBe(404);
    // None of the refusals used the code up.
    expect((await validate({ barcode })).status).toBe(200);
  });

  it('answers a live code of a type the partner may not see like an unknown one (404), leaving it usable', async () => {
    const taxOnly = await createPartner(runtime, 'Податкова консультація', ['taxpayer-card']);
    const branch = await callApi(runtime, 'POST', '/v1/partner/branches', {
      token: taxOnly.apiKey,
      body: { name: 'B', email: 'b@example.org', address: 'Київ', documentTypes: ['taxpayer-card'] },
    });
    const barcode = await barcodeFor('cit_demo_1', 'doc_demo_1_passport');
    const guess = (code: string) =>
      callApi(runtime, 'POST', '/v1/partner/document-validations', {
        token: taxOnly.apiKey,
        body: { branchId: branch.body.branchId, barcode: code },
      });
    const refused = await guess(barcode);
    const unknown = await guess('4006381333931');
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual(unknown.body);
    // It counts as a miss: 18 more misses reach the limit of 20.
    for (let i = 0; i < 18; i++) expect((await guess('5901234123457')).status).toBe(404);
    expect((await guess(barcode)).status).toBe(429);
    expect((await validate({ barcode })).status).toBe(200);
  });

  it('counts parallel guesses before judging them: of 60 at once, at most 20 are answered', async () => {
    const guesser = await createPartner(runtime, 'Паралельний підбирач', ['internal-passport']);
    const branch = await callApi(runtime, 'POST', '/v1/partner/branches', {
      token: guesser.apiKey,
      body: { name: 'B', email: 'b@example.org', address: 'Київ', documentTypes: ['internal-passport'] },
    });
    const unknown = ['4006381333931', '5901234123457', '9780201379624', '0012345678905'];
    // Each refusal is counted in the BarcodeGuessesRefused metric (EMF lines in the Lambda log). A
    // deployment (DOCSHARE_TARGET) keeps its logs in CloudWatch: there only the answers are checked.
    const logFile = runtime.dataDir ? path.join(runtime.dataDir, 'lambda.log') : undefined;
    const refusalsCounted = () =>
      readFileSync(logFile!, 'utf8')
        .split('\n')
        .filter((line) => line.includes('"BarcodeGuessesRefused"') && line.includes('"_aws"')).length;
    const countedBefore = logFile ? refusalsCounted() : 0;
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        callApi(runtime, 'POST', '/v1/partner/document-validations', {
          token: guesser.apiKey,
          body: { branchId: branch.body.branchId, barcode: unknown[i % unknown.length] },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 404).length).toBeLessThanOrEqual(20);
    expect(statuses.filter((status) => status !== 404 && status !== 429)).toEqual([]);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(40);
    const refused = statuses.filter((status) => status === 429).length;
    if (!logFile) return;
    // The functions' log lines reach the file a moment after their answers.
    await eventually(async () => (refusalsCounted() - countedBefore === refused ? true : undefined));
    expect(refusalsCounted() - countedBefore).toBe(refused);
  });

  it('answers 404 for a code replaced by a newer one, and validates the newer one', async () => {
    const older = await barcodeFor('cit_demo_1', 'doc_demo_1_passport');
    const newer = await barcodeFor('cit_demo_1', 'doc_demo_1_passport');
    expect((await validate({ barcode: older })).status).toBe(404);
    expect((await validate({ barcode: newer })).status).toBe(200);
  });

  it('rate-limits a partner after 20 unknown barcodes within a minute', async () => {
    const guesser = await createPartner(runtime, 'Підбирач', ['internal-passport']);
    const branch = await callApi(runtime, 'POST', '/v1/partner/branches', {
      token: guesser.apiKey,
      body: { name: 'B', email: 'b@example.org', address: 'Київ', documentTypes: ['internal-passport'] },
    });
    const guess = (barcode: string) =>
      callApi(runtime, 'POST', '/v1/partner/document-validations', {
        token: guesser.apiKey,
        body: { branchId: branch.body.branchId, barcode },
      });
    const unknown = ['4006381333931', '5901234123457', '9780201379624', '0012345678905'];
    for (let i = 0; i < 20; i++) expect((await guess(unknown[i % unknown.length]!)).status).toBe(404);
    const limited = await guess(unknown[0]!);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other partners are not affected.
    expect((await validate({ barcode: await barcodeFor('cit_demo_1', 'doc_demo_1_passport') })).status).toBe(
      200,
    );
  });

  it('never returns a seeded citizen’s name, number, address or birth date', async () => {
    for (const seeded of demoCitizens) {
      const personal = seeded.documents.flatMap((document) =>
        Object.values(document.data as Record<string, unknown>)
          .flatMap((value) => (typeof value === 'string' ? [value] : []))
          .filter((value) => value.length >= 4 && !/^(M|F|UKR)$/.test(value)),
      );
      for (const document of seeded.documents) {
        const answer = await validate({
          barcode: await barcodeFor(seeded.citizenId, document.docId),
          checks: { ageOver: 18, fullName: seeded.fullName },
        });
        expect(answer.status).toBe(200);
        const text = JSON.stringify(answer.body) + JSON.stringify(decodeJwt(String(answer.body.attestation)));
        for (const value of personal) expect(text).not.toContain(value);
        expect(text).not.toContain(seeded.fullName.split(' ')[0]);
      }
    }
  });
});
