import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootRuntime, callApi } from '../support/runtime';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;
type ReportList = { items: Array<Record<string, unknown>>; nextCursor?: string };

describe('error reports (F7)', () => {
  let runtime: Runtime;
  let sqs: SQSClient;
  let queueUrl: string;
  const token = (id: string) => runtime.local.citizens.find((c) => c.citizenId === id)!.token;
  const admin = async (command: Record<string, unknown>) =>
    (await runtime.lambdas.invoke(runtime.local.adminFunctionName, command)) as {
      ok: boolean;
      result?: Record<string, unknown>;
      error?: string;
    };
  const submit = (citizenId: string, body: unknown) =>
    callApi<{ reportId: string }>(runtime, 'POST', '/v1/me/error-reports', { token: token(citizenId), body });
  const list = (citizenId: string, query = '') =>
    callApi<ReportList>(runtime, 'GET', `/v1/me/error-reports${query}`, { token: token(citizenId) });

  beforeAll(async () => {
    runtime = await bootRuntime();
    sqs = new SQSClient({
      endpoint: runtime.edgeUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    // The registries' queue is the one with a dead-letter queue.
    const [logicalId] = runtime.resolver
      .resourcesOfType('AWS::SQS::Queue')
      .find(([, queue]) => queue.Properties?.RedrivePolicy)!;
    queueUrl = runtime.resolver.ref(logicalId);
  });
  afterAll(async () => {
    sqs?.destroy();
    await runtime?.dispose();
  });

  it('stores a report, puts it on the registry queue and shows its status as the registry sets it', async () => {
    const message = 'У паспорті неправильно вказано місце народження: має бути «м. Маріуполь».';
    const created = await submit('cit_demo_2', { docId: 'doc_demo_2_passport', message });
    expect(created.status).toBe(201);
    expect(created.body.reportId).toMatch(/^er_[a-f0-9]{32}$/);
    const { reportId } = created.body;

    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      }),
    );
    const onQueue = received.Messages?.find((m) => JSON.parse(m.Body!).reportId === reportId);
    expect(onQueue).toBeDefined();
    expect(JSON.parse(onQueue!.Body!)).toMatchObject({
      reportId,
      citizenId: 'cit_demo_2',
      docId: 'doc_demo_2_passport',
      documentType: 'internal-passport',
      registry: 'Демо-реєстр',
      message,
    });
    expect(onQueue!.MessageAttributes?.registry?.StringValue).toBe('Демо-реєстр');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: onQueue!.ReceiptHandle }));

    const listed = await list('cit_demo_2');
    expect(listed.status).toBe(200);
    expect(listed.body.items[0]).toMatchObject({
      reportId,
      docId: 'doc_demo_2_passport',
      documentType: 'internal-passport',
      message,
      status: 'submitted',
    });

    const resolved = await admin({
      command: 'error-reports.set-status',
      reportId,
      status: 'resolved',
      note: 'Виправлено в реєстрі',
    });
    expect(resolved).toMatchObject({ ok: true, result: { reportId, status: 'resolved' } });
    const after = await list('cit_demo_2');
    expect(after.body.items.find((r) => r.reportId === reportId)).toMatchObject({
      status: 'resolved',
      registryNote: 'Виправлено в реєстрі',
    });
    // Another citizen sees none of it.
    expect((await list('cit_demo_1')).body.items.some((r) => r.reportId === reportId)).toBe(false);
  });

  it('keeps the message encrypted at rest', async () => {
    const { DynamoDBClient, ScanCommand } = await import('@aws-sdk/client-dynamodb');
    const secret = `Секретна примітка ${Date.now()}`;
    const created = await submit('cit_demo_1', { docId: 'doc_demo_1_passport', message: secret });
    expect(created.status).toBe(201);
    const dynamo = new DynamoDBClient({
      endpoint: runtime.edgeUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const [tableId] = runtime.resolver.resourcesOfType('AWS::DynamoDB::Table')[0]!;
    const scan = await dynamo.send(new ScanCommand({ TableName: runtime.resolver.ref(tableId) }));
    dynamo.destroy();
    const stored = scan.Items?.find((item) => item.reportId?.S === created.body.reportId);
    expect(stored).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('lets the registry take reports off the queue with the operator command, marking them in review', async () => {
    const created = await submit('cit_demo_3', {
      docId: 'doc_demo_3_student_card',
      message: 'Wrong faculty name',
    });
    expect(created.status).toBe(201);
    const taken = await admin({ command: 'error-reports.receive', max: 10 });
    expect(taken.ok).toBe(true);
    const reports = taken.result!.reports as Array<{ reportId: string }>;
    expect(reports.map((r) => r.reportId)).toContain(created.body.reportId);
    const listed = await list('cit_demo_3');
    expect(listed.body.items.find((r) => r.reportId === created.body.reportId)).toMatchObject({
      status: 'in_review',
    });
  });

  it('pages the list with limit and cursor', async () => {
    for (const message of ['one', 'two']) {
      expect((await submit('cit_demo_3', { docId: 'doc_demo_3_taxpayer_card', message })).status).toBe(201);
    }
    const first = await list('cit_demo_3', '?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await list('cit_demo_3', `?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0]!.reportId).not.toBe(first.body.items[0]!.reportId);
    expect((await list('cit_demo_3', '?cursor=bogus')).status).toBe(400);
  });

  it('refuses bad input with clear 4xx answers', async () => {
    const long = 'я'.repeat(2001);
    const cases: Array<[unknown, number]> = [
      [{ message: 'no document' }, 400],
      [{ docId: 'doc_demo_2_passport' }, 400],
      [{ docId: 'doc_demo_2_passport', message: '' }, 400],
      [{ docId: 'doc_demo_2_passport', message: long }, 400],
      [{ docId: 'doc_demo_2_passport', message: 'ok', extra: true }, 400],
      [{ docId: '../etc', message: 'ok' }, 400],
      [{ docId: 'doc_demo_1_passport', message: 'not mine' }, 404],
      [{ docId: 'doc_unknown', message: 'nobody’s' }, 404],
    ];
    for (const [body, status] of cases) {
      const answer = await submit('cit_demo_2', body);
      expect({ body, status: answer.status }).toEqual({ body, status });
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(
      (await submit('cit_demo_2', { docId: 'doc_demo_2_passport', message: 'я'.repeat(2000) })).status,
    ).toBe(201);
    const path = '/v1/me/error-reports';
    const malformed = await callApi(runtime, 'POST', path, {
      token: token('cit_demo_2'),
      rawBody: '{"docId": "doc_demo_2_passport", "message": ',
      contentType: 'application/json',
    });
    expect(malformed.status).toBe(400);
    const huge = await callApi(runtime, 'POST', path, {
      token: token('cit_demo_2'),
      rawBody: JSON.stringify({ docId: 'doc_demo_2_passport', message: 'x'.repeat(1024 * 1024 + 1) }),
      contentType: 'application/json',
    });
    expect(huge.status).toBe(413);
    const noToken = await callApi(runtime, 'POST', path, {
      body: { docId: 'doc_demo_2_passport', message: 'ok' },
    });
    expect(noToken.status).toBe(401);
  });
});
