import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOrganisation, uniqueEmail } from '../organisations/support';
import { bootRuntime, callApi } from '../support/runtime';
import {
  approve,
  citizenOf,
  createBranchAndOffer,
  decryptPackage,
  mintBarcode,
  partnerRequest,
  submitShare,
} from '../support/sharing';
import { eventually, startWebhookReceiver } from '../support/webhook-receiver';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;
// Answers are read loosely: each assertion states the shape it relies on.
// biome-ignore lint/suspicious/noExplicitAny: JSON answers under test
type Json = Record<string, any>;

// DELETE /v1/me over HTTP against the embedded AWS; the test then reads the table and the bucket
// directly, as an auditor would, to prove nothing of the citizen is left.
describe('erasure', () => {
  let runtime: Runtime;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const citizenId = 'cit_demo_2';
  const token = () => citizenOf(runtime, citizenId).token;
  const aws = () => ({
    endpoint: runtime.local.awsEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

  beforeAll(async () => {
    runtime = await bootRuntime();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await runtime?.dispose();
  });

  async function scanTable() {
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(aws()));
    const { TableNames } = await dynamo.send(new ListTablesCommand({}));
    const items: Json[] = [];
    for (const TableName of TableNames ?? []) {
      let start: Json | undefined;
      do {
        const page = await dynamo.send(new ScanCommand({ TableName, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
    }
    return items;
  }

  async function listObjects() {
    const s3 = new S3Client({ ...aws(), forcePathStyle: true });
    const keys: string[] = [];
    for (const bucket of (await s3.send(new ListBucketsCommand({}))).Buckets ?? []) {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket.Name! }));
      keys.push(...(listed.Contents ?? []).map((object) => object.Key!));
    }
    return keys;
  }

  it('removes the citizen’s copies, personal data, barcodes, PIN and pending requests; partners are told', async () => {
    const target = await createBranchAndOffer(runtime, {
      callbackUrl: receiver.url,
      accessDays: 90,
      documentTypes: ['internal-passport', 'taxpayer-card'],
    });
    // A delivered share under standing access, a pending request, a live barcode.
    const shared = await submitShare(runtime, target, citizenId, 'doc_demo_2_passport');
    expect((await approve(runtime, shared.requestId, citizenId)).status).toBe(200);
    await eventually(
      async () => (await partnerRequest(runtime, shared.requestId)).body.status === 'delivered',
    );
    const delivery = await eventually(async () =>
      receiver.received.find((hook) => hook.body.requestId === shared.requestId),
    );
    const { payload } = await decryptPackage(runtime, String(delivery.body.package));
    const copyIds: string[] = payload.documents.map((document: Json) => document.copyId);
    const pending = await submitShare(runtime, target, citizenId, 'doc_demo_2_passport');
    await mintBarcode(runtime, citizenId, 'doc_demo_2_taxpayer_card');
    // What the citizen created elsewhere: an error report and an organisation they head.
    const report = await callApi<Json>(runtime, 'POST', '/v1/me/error-reports', {
      token: token(),
      body: { docId: 'doc_demo_2_passport', message: 'У паспорті помилка в даті народження' },
    });
    expect(report.status).toBe(201);
    const organisation = await registerOrganisation(runtime, citizenId, uniqueEmail('erasure'));

    const before = JSON.stringify(await scanTable());
    expect(before).toContain(citizenId);
    const objectsBefore = await listObjects();
    for (const copyId of copyIds) expect(objectsBefore.some((key) => key.includes(copyId))).toBe(true);

    const erased = await callApi<Json>(runtime, 'DELETE', '/v1/me', { token: token() });
    expect(erased.status).toBe(202);
    expect(erased.body).toMatchObject({ erasureId: expect.stringMatching(/^era_/), status: 'in_progress' });

    // Done when the anonymised record of it exists.
    const record = await eventually(
      async () => (await scanTable()).find((item) => item.pk === `ERASURE#${erased.body.erasureId}`),
      60_000,
      250,
    );
    expect(record.counts).toMatchObject({ partners: 1, copies: copyIds.length, requests: 2 });

    // Nothing in DynamoDB names the citizen or holds their personal data.
    const items = await scanTable();
    const leftovers = items.filter((item) => JSON.stringify(item).includes(citizenId));
    expect(leftovers).toEqual([]);
    expect(
      items.filter((item) => ['document', 'citizen', 'pin', 'consent'].includes(item.type)),
    ).not.toContainEqual(expect.objectContaining({ pk: `CITIZEN#${citizenId}` }));
    expect(JSON.stringify(items)).not.toContain('Згурськ');
    expect(items.some((item) => item.pk === `ERRORREPORT#${report.body.reportId}`)).toBe(false);
    expect(items.some((item) => String(item.pk).includes(organisation.orgId))).toBe(false);
    // The audit trail stays, anonymised.
    const audit = items.filter(
      (item) => item.pk === `REQ#${runtime.local.partner.partnerId}#${shared.requestId}`,
    );
    expect(audit.some((item) => item.actor === 'citizen:erased')).toBe(true);

    // No object in S3: neither the signed copies nor the package.
    const objects = await listObjects();
    for (const copyId of copyIds) expect(objects.some((key) => key.includes(copyId))).toBe(false);
    expect(objects.some((key) => key.includes(shared.requestId))).toBe(false);

    // Partners learn it: standing access revoked (webhook), the pending request declined.
    await eventually(async () =>
      receiver.received.find(
        (hook) => hook.body.event === 'consent.revoked' && hook.body.requestId === shared.requestId,
      ),
    );
    expect((await partnerRequest(runtime, pending.requestId)).body.status).toBe('declined');
    // Verifiers learn the copies are revoked; partners still see their request, without the citizen.
    for (const copyId of copyIds) {
      expect((await callApi<Json>(runtime, 'GET', `/v1/verify/copies/${copyId}`)).body.status).toBe(
        'revoked',
      );
    }
    expect((await partnerRequest(runtime, shared.requestId)).status).toBe(200);

    // The wallet is empty for that identity now.
    expect((await callApi(runtime, 'GET', '/v1/me', { token: token() })).status).toBe(404);
    const documents = await callApi<Json>(runtime, 'GET', '/v1/me/documents', { token: token() });
    expect(documents.body.items ?? []).toEqual([]);
  });

  it('is idempotent: asking again is accepted and changes nothing else', async () => {
    const again = await callApi<Json>(runtime, 'DELETE', '/v1/me', { token: token() });
    expect(again.status).toBe(202);
    await eventually(
      async () => {
        const records = (await scanTable()).filter((item) => item.pk === `ERASURE#${again.body.erasureId}`);
        return records.length === 1;
      },
      60_000,
      250,
    );
    const items = await scanTable();
    expect(items.filter((item) => JSON.stringify(item).includes(citizenId))).toEqual([]);
    // Other citizens are untouched.
    const other = await callApi<Json>(runtime, 'GET', '/v1/me', {
      token: citizenOf(runtime, 'cit_demo_1').token,
    });
    expect(other.status).toBe(200);
  });

  it('needs a signed-in citizen', async () => {
    expect((await callApi(runtime, 'DELETE', '/v1/me')).status).toBe(401);
    expect((await callApi(runtime, 'DELETE', '/v1/me', { token: 'not-a-jwt' })).status).toBe(401);
    expect((await callApi(runtime, 'DELETE', '/v1/me', { token: runtime.local.partner.apiKey })).status).toBe(
      401,
    );
  });
});
