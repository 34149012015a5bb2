// TransactWriteItems and TransactGetItems, which dynalite lacks, built from its single-item operations.
// Transactions are serialised by one mutex in the edge, so they are atomic against each other: every
// condition is checked first (GetItem + dynalite's own evaluator), then each write is applied, still
// conditional; if a write fails anyway (a plain write raced in) the ones already applied are undone from
// the images read in the check phase. Not atomic against a crash between two writes.
import { conditionHolds, parseConditional } from './condition-check';
import { type DynaliteClient, DynamoError, type Item } from './dynalite-client';

type Kind = 'ConditionCheck' | 'Put' | 'Delete' | 'Update';
const KINDS: Kind[] = ['ConditionCheck', 'Put', 'Delete', 'Update'];

interface WriteRequest {
  TableName: string;
  Key?: Item;
  Item?: Item;
  ConditionExpression?: string;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
  ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE';
}

interface PlannedWrite {
  kind: Kind;
  request: WriteRequest;
  key: Item;
  before?: Item;
}

export interface CancellationReason {
  Code: 'ConditionalCheckFailed' | 'None';
  Message?: string;
  Item?: Item;
}

/** Thrown to answer TransactionCanceledException with the AWS-shaped reasons. */
export class TransactionCanceled extends DynamoError {
  constructor(readonly reasons: CancellationReason[]) {
    super(
      'TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      400,
    );
  }
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

const invalid = (message: string) => new DynamoError('ValidationException', message, 400);

export class Transactions {
  private readonly mutex = new Mutex();

  constructor(private readonly dynamo: DynaliteClient) {}

  async write(input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const items = transactItems(input);
    return this.mutex.run(async () => {
      const plan = await this.plan(items);
      await this.checkConditions(plan);
      await this.apply(plan);
      return {};
    });
  }

  async read(input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const items = transactItems(input).map((entry) => {
      const get = entry['Get'] as Record<string, unknown> | undefined;
      if (!get || Object.keys(entry).length !== 1)
        throw invalid('Each TransactItem must contain exactly one Get');
      return get;
    });
    return this.mutex.run(async () => {
      const responses = [];
      for (const get of items) {
        const answer = await this.dynamo.call('GetItem', { ...get, ConsistentRead: true });
        responses.push(answer['Item'] ? { Item: answer['Item'] } : {});
      }
      return { Responses: responses };
    });
  }

  private async plan(entries: Record<string, unknown>[]): Promise<PlannedWrite[]> {
    const keySchemas = new Map<string, string[]>();
    const seen = new Set<string>();
    const plan: PlannedWrite[] = [];
    for (const entry of entries) {
      const kinds = KINDS.filter((kind) => entry[kind] !== undefined);
      const kind = kinds[0];
      if (kinds.length !== 1 || !kind || Object.keys(entry).length !== 1) {
        throw invalid('TransactItems can only contain one of ConditionCheck, Put, Update or Delete');
      }
      const request = entry[kind] as WriteRequest;
      if (typeof request.TableName !== 'string') throw invalid('TableName is required in every TransactItem');
      let keyNames = keySchemas.get(request.TableName);
      if (!keyNames) {
        keyNames = await this.keyAttributes(request.TableName);
        keySchemas.set(request.TableName, keyNames);
      }
      const source = kind === 'Put' ? request.Item : request.Key;
      if (!source) throw invalid(`${kind} in TransactItems needs ${kind === 'Put' ? 'Item' : 'Key'}`);
      const key: Item = {};
      for (const name of keyNames) {
        const value = source[name];
        if (!value) throw invalid('One or more parameter values were invalid: Missing the key in the item');
        key[name] = value;
      }
      const identity = `${request.TableName}\u0000${JSON.stringify(key)}`;
      if (seen.has(identity))
        throw invalid('Transaction request cannot include multiple operations on one item');
      seen.add(identity);
      parseConditional(request); // reports bad expressions before anything is read or written
      plan.push({ kind, request, key });
    }
    return plan;
  }

  private async keyAttributes(tableName: string): Promise<string[]> {
    const described = await this.dynamo.call('DescribeTable', { TableName: tableName });
    const table = described['Table'] as { KeySchema: { AttributeName: string }[] };
    return table.KeySchema.map((element) => element.AttributeName);
  }

  private async checkConditions(plan: PlannedWrite[]): Promise<void> {
    const reasons: CancellationReason[] = [];
    for (const write of plan) {
      const answer = await this.dynamo.call('GetItem', {
        TableName: write.request.TableName,
        Key: write.key,
        ConsistentRead: true,
      });
      write.before = answer['Item'] as Item | undefined;
      const holds = conditionHolds(parseConditional(write.request), write.before);
      reasons.push(holds ? { Code: 'None' } : failedReason(write));
    }
    if (reasons.some((reason) => reason.Code !== 'None')) throw new TransactionCanceled(reasons);
  }

  private async apply(plan: PlannedWrite[]): Promise<void> {
    const applied: PlannedWrite[] = [];
    for (const [index, write] of plan.entries()) {
      try {
        await this.applyOne(write);
        applied.push(write);
      } catch (err) {
        await this.undo(applied);
        if (err instanceof DynamoError && err.type === 'ConditionalCheckFailedException') {
          throw new TransactionCanceled(
            plan.map((other, i) => (i === index ? failedReason(other) : { Code: 'None' })),
          );
        }
        throw err;
      }
    }
  }

  private async applyOne({ kind, request, key }: PlannedWrite): Promise<void> {
    const expressions = {
      ConditionExpression: request.ConditionExpression,
      ExpressionAttributeNames: request.ExpressionAttributeNames,
      ExpressionAttributeValues: request.ExpressionAttributeValues,
    };
    if (kind === 'Put') {
      await this.dynamo.call('PutItem', { TableName: request.TableName, Item: request.Item, ...expressions });
    } else if (kind === 'Delete') {
      await this.dynamo.call('DeleteItem', { TableName: request.TableName, Key: key, ...expressions });
    } else if (kind === 'Update') {
      await this.dynamo.call('UpdateItem', {
        TableName: request.TableName,
        Key: key,
        UpdateExpression: request.UpdateExpression,
        ...expressions,
      });
    }
  }

  private async undo(applied: PlannedWrite[]): Promise<void> {
    for (const write of applied.reverse()) {
      const table = write.request.TableName;
      try {
        if (write.before) await this.dynamo.call('PutItem', { TableName: table, Item: write.before });
        else await this.dynamo.call('DeleteItem', { TableName: table, Key: write.key });
      } catch (err) {
        console.error(`edge: could not undo a transaction write on ${table}`, err);
      }
    }
  }
}

function failedReason(write: PlannedWrite): CancellationReason {
  const reason: CancellationReason = {
    Code: 'ConditionalCheckFailed',
    Message: 'The conditional request failed',
  };
  if (write.request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && write.before)
    reason.Item = write.before;
  return reason;
}

function transactItems(input: Record<string, unknown>): Record<string, unknown>[] {
  const items = input['TransactItems'];
  if (!Array.isArray(items) || items.length === 0 || items.length > 100) {
    throw invalid('TransactItems must have between 1 and 100 items');
  }
  return items as Record<string, unknown>[];
}
