import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCitizens } from '../../../local/seed/citizens';
import { nssDbTrusting, runTool, toolsAvailable } from '../../support/external-tools';
import { scanQrFromPdf } from '../../support/scan-qr';
import { bootRuntime, callApi } from '../support/runtime';
import { citizenOf } from '../support/sharing';
import { eventually } from '../support/webhook-receiver';
import { admin, posterPdf, registerOrganisation, uniqueEmail, verifyByMail, waitForMail } from './support';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

// F6 end to end: an organisation registers, proves its branch's address by the mailed link, prints a
// poster; a visitor scans it, shares with the PIN, and the branch receives the signed copies by e-mail.
describe('organisations without IT: register, verify, poster, share, e-mail', () => {
  let runtime: Runtime;
  let dir: string;
  beforeAll(async () => {
    runtime = await bootRuntime();
    dir = await mkdtemp(join(tmpdir(), 'docshare-qr-'));
  });
  afterAll(async () => {
    await runtime?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.runIf(toolsAvailable('pdftoppm', 'pdfsig', 'certutil'))(
    'mails the branch the signed copies after a visitor scans the printed poster and approves with the PIN',
    async () => {
      const owner = citizenOf(runtime, 'cit_demo_2');
      const visitor = citizenOf(runtime, 'cit_demo_1');
      // The visitor also holds an older passport, listed first: the copy is made of the one valid the
      // longest, and metadata.json must describe that one, not the first of its type.
      const seeded = demoCitizens.find((c) => c.citizenId === 'cit_demo_1')!;
      const passport = seeded.documents.find((d) => d.type === 'internal-passport')!;
      await admin(runtime, {
        command: 'registry.import',
        citizenId: 'cit_demo_1',
        fullName: seeded.fullName,
        documents: [
          {
            docId: 'doc_a_older_passport',
            type: 'internal-passport',
            data: {
              ...passport.data,
              documentNumber: '000111222',
              issueDate: '2017-01-10',
              expiryDate: '2027-01-10',
            },
          },
        ],
      });
      const email = uniqueEmail('podil');
      const org = await registerOrganisation(runtime, owner.citizenId, email);
      expect(org.branches[0]!.emailStatus).toBe('pending_verification');

      // The verification e-mail, read back through LocalStack's /_aws/ses, and its one-time link.
      const { answer: verified } = await verifyByMail(runtime, email);
      expect(verified.status).toBe(200);
      expect(await verified.json()).toMatchObject({
        status: 'verified',
        branch: { emailStatus: 'verified' },
      });
      const details = await callApi<{ branches: Array<{ emailStatus: string }> }>(
        runtime,
        'GET',
        `/v1/me/organisations/${org.orgId}`,
        { token: owner.token },
      );
      expect(details.body.branches[0]!.emailStatus).toBe('verified');

      // The poster: an A4 PDF whose QR a phone reads from pixels (rendered at a modest 100 dpi).
      const ids = {
        orgId: org.orgId,
        branchId: org.branches[0]!.branchId,
        serviceId: org.services[0]!.serviceId,
      };
      const { response, pdf } = await posterPdf(runtime, owner.citizenId, ids);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const scanned = await scanQrFromPdf(pdf, 100);
      expect(scanned).toMatch(new RegExp(`^${runtime.apiUrl}/q/[A-Za-z0-9_-]{22}$`));
      const qrCode = scanned!.split('/').pop()!;
      expect((await posterPdf(runtime, owner.citizenId, ids)).pdf.length).toBeGreaterThan(0);

      const resolved = await callApi(runtime, 'GET', `/v1/qr/${qrCode}`);
      expect(resolved.status).toBe(200);
      expect(resolved.body).toEqual({
        organisation: { name: 'ТОВ «Клініка Здоров’я»', taxId: expect.any(String) },
        branch: { name: 'Відділення на Подолі', address: 'м. Київ, вул. Сагайдачного, 1' },
        service: { name: 'Запис до лікаря' },
        documentTypes: ['internal-passport', 'taxpayer-card'],
        // The service asks for whole documents: nothing is left out.
        sharedFields: [
          expect.objectContaining({ documentType: 'internal-passport', extract: false, notShared: [] }),
          expect.objectContaining({ documentType: 'taxpayer-card', extract: false, notShared: [] }),
        ],
        acceptsShares: true,
        version: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      });
      expect(JSON.stringify(resolved.body)).not.toContain(email);

      const shared = await callApi<{ requestId: string }>(runtime, 'POST', `/v1/me/qr/${qrCode}/shares`, {
        token: visitor.token,
        body: { pin: visitor.pin },
      });
      expect(shared.status).toBe(202);
      const { requestId } = shared.body;

      // One raw e-mail to the verified branch address, from the docshare sender.
      const mail = await waitForMail(runtime, email, (m) => m.Subject.includes(requestId), 60_000);
      expect(mail.Source).toBe('no-reply@docshare.local');
      expect(mail.Destination.ToAddresses).toEqual([email]);
      expect(mail.RawData).toBeDefined();
      const parsed = await simpleParser(Buffer.from(mail.RawData!, 'utf8'));
      expect(parsed.subject).toContain(requestId);
      expect(parsed.text).toContain('Запис до лікаря');
      expect(parsed.html).toContain('Відділення на Подолі');
      const pdfs = parsed.attachments.filter((a) => a.contentType === 'application/pdf');
      expect(pdfs).toHaveLength(2);
      const metadata = JSON.parse(
        parsed.attachments.find((a) => a.filename === 'metadata.json')!.content.toString('utf8'),
      );
      expect(metadata).toMatchObject({ requestId, organisation: { orgId: org.orgId }, missing: [] });
      expect(metadata.documents.map((d: { type: string }) => d.type).sort()).toEqual([
        'internal-passport',
        'taxpayer-card',
      ]);
      const copiedPassport = metadata.documents.find((d: { type: string }) => d.type === 'internal-passport');
      expect(copiedPassport.data.documentNumber).toBe(
        (passport.data as { documentNumber: string }).documentNumber,
      );

      // Poppler verifies the attached copy under the published chain.
      const chainPem = await (await fetch(`${runtime.apiUrl}/.well-known/docshare/signing-chain.pem`)).text();
      const root = chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)![1]!;
      const nss = await nssDbTrusting(dir, root);
      await writeFile(join(dir, 'attached.pdf'), pdfs[0]!.content);
      const { stdout, stderr } = await runTool('pdfsig', ['-nssdir', nss, join(dir, 'attached.pdf')]);
      expect(stdout + stderr).toContain('Signature is Valid.');
      expect(stdout + stderr).toContain('Certificate is Trusted.');

      // Issued to the organisation and branch; the visitor's history shows it delivered.
      const copyId = metadata.documents[0].copyId;
      const status = await callApi(runtime, 'GET', `/v1/verify/copies/${copyId}`);
      expect(status.body).toMatchObject({
        status: 'valid',
        issuedTo: { partner: 'ТОВ «Клініка Здоров’я»', branch: 'Відділення на Подолі' },
      });
      const entry = await eventually(async () => {
        const history = await callApi<{ items: Array<Record<string, unknown>> }>(
          runtime,
          'GET',
          '/v1/me/history',
          {
            token: visitor.token,
          },
        );
        const found = history.body.items.find((item) => item.requestId === requestId);
        return found?.status === 'delivered' ? found : undefined;
      });
      expect(entry).toMatchObject({
        partner: { partnerId: org.orgId, name: 'ТОВ «Клініка Здоров’я»' },
        branch: { name: 'Відділення на Подолі', address: 'м. Київ, вул. Сагайдачного, 1' },
        purpose: 'Запис до лікаря',
      });
      expect(entry.copies).toHaveLength(2);

      // The visitor sees the organisation among those holding copies, and can revoke them.
      const holdings = await callApi<{ items: Array<{ partner: { partnerId: string }; copies: unknown[] }> }>(
        runtime,
        'GET',
        '/v1/me/consents',
        { token: visitor.token },
      );
      expect(holdings.body.items.find((item) => item.partner.partnerId === org.orgId)?.copies).toHaveLength(
        2,
      );
      const revoked = await callApi(runtime, 'DELETE', `/v1/me/consents/${org.orgId}`, {
        token: visitor.token,
      });
      expect(revoked.status).toBe(204);
      expect((await callApi(runtime, 'GET', `/v1/verify/copies/${copyId}`)).body.status).toBe('revoked');
    },
    120_000,
  );

  it.runIf(toolsAvailable('pdftoppm'))(
    'a service that asks for fields shows them on the QR page and mails extracts of those fields only',
    async () => {
      const owner = citizenOf(runtime, 'cit_demo_2');
      const visitor = citizenOf(runtime, 'cit_demo_1');
      const email = uniqueEmail('hotel');
      const org = await registerOrganisation(runtime, owner.citizenId, email);
      expect((await verifyByMail(runtime, email)).answer.status).toBe(200);
      const serviceId = org.services[0]!.serviceId;
      const servicePath = `/v1/me/organisations/${org.orgId}/services/${serviceId}`;
      const replace = (fields: unknown) =>
        callApi(runtime, 'PUT', servicePath, {
          token: owner.token,
          body: { name: 'Поселення', documentTypes: ['internal-passport'], fields },
        });
      // A field the service's documents do not have, or a document it does not ask for: 400, unchanged.
      expect((await replace({ 'internal-passport': ['bloodType'] })).status).toBe(400);
      expect((await replace({ 'taxpayer-card': ['rnokpp'] })).status).toBe(400);
      const changed = await replace({ 'internal-passport': ['surname', 'givenName', 'birthDate'] });
      expect(changed.status).toBe(200);
      expect(changed.body.fields).toEqual({ 'internal-passport': ['surname', 'givenName', 'birthDate'] });

      const ids = { orgId: org.orgId, branchId: org.branches[0]!.branchId, serviceId };
      const { pdf } = await posterPdf(runtime, owner.citizenId, ids);
      const qrCode = (await scanQrFromPdf(pdf, 100))!.split('/').pop()!;
      const shown = await callApi<{
        sharedFields: Array<{ extract: boolean; shared: Array<{ key: string }> }>;
      }>(runtime, 'GET', `/v1/qr/${qrCode}`);
      expect(shown.body.sharedFields[0]!.extract).toBe(true);
      expect(shown.body.sharedFields[0]!.shared.map((field) => field.key)).toEqual([
        'surname',
        'givenName',
        'birthDate',
      ]);
      const shared = await callApi<{ requestId: string }>(runtime, 'POST', `/v1/me/qr/${qrCode}/shares`, {
        token: visitor.token,
        body: { pin: visitor.pin, version: (shown.body as unknown as { version: string }).version },
      });
      expect(shared.status).toBe(202);
      const mail = await waitForMail(
        runtime,
        email,
        (m) => m.Subject.includes(shared.body.requestId),
        60_000,
      );
      const parsed = await simpleParser(Buffer.from(mail.RawData!, 'utf8'));
      const metadata = JSON.parse(
        parsed.attachments.find((a) => a.filename === 'metadata.json')!.content.toString('utf8'),
      );
      expect(metadata.documents).toHaveLength(1);
      expect(metadata.documents[0]).toMatchObject({
        type: 'internal-passport',
        extract: true,
        fields: ['surname', 'givenName', 'birthDate'],
        data: { surname: 'Щербина', givenName: 'Юлія', birthDate: '1990-03-14' },
      });
      expect(Object.keys(metadata.documents[0].data)).toHaveLength(3);
      const status = await callApi(runtime, 'GET', `/v1/verify/copies/${metadata.documents[0].copyId}`);
      expect(status.body).toMatchObject({ extract: true, fields: ['surname', 'givenName', 'birthDate'] });
    },
    120_000,
  );
});
