// TransactWriteItems and TransactGetItems, which dynalite lacks, built from its single-item operations.
// Transactions that share an item are serialised by a lock per item, so they are atomic against each
// other, while transactions on different items run side by side as they do on AWS (one lock for all
// made every share wait behind every other one's writes). Every condition is checked first (the items
// read at once + dynalite's own evaluator), then each write is applied, still conditional; if a write
// fails anyway (a plain write raced in) the ones already applied are undone from the images read in
// the check phase. Not atomic against a crash between two writes.
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

/**
 * A lock per item. A task takes all its items' locks at once, in the order tasks arrive: it waits
 * only for tasks that arrived earlier and share an item, so no two tasks can wait for each other.
 */
class ItemLocks {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(items: string[], task: () => Promise<T>): Promise<T> {
    const earlier = items.map((item) => this.tails.get(item));
    const result = Promise.all(earlier).then(task);
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    for (const item of items) this.tails.set(item, done);
    void done.then(() => {
      for (const item of items) if (this.tails.get(item) === done) this.tails.delete(item);
    });
    return result;
  }
}

const invalid = (message: string) => new DynamoError('ValidationException', message, 400);

export class Transactions {
  private readonly locks = new ItemLocks();
  /** Key attribute names by table, until the table is deleted. */
  private readonly keySchemas = new Map<string, Promise<string[]>>();

  constructor(private readonly dynamo: DynaliteClient) {}

  async write(input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const plan = await this.plan(transactItems(input));
    return this.locks.run(
      plan.map((write) => identityOf(write.request.TableName, write.key)),
      async () => {
        await this.checkConditions(plan);
        await this.apply(plan);
        return {};
      },
    );
  }

  async read(input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const items = transactItems(input).map((entry) => {
      const get = entry['Get'] as Record<string, unknown> | undefined;
      if (!get || Object.keys(entry).length !== 1)
        throw invalid('Each TransactItem must contain exactly one Get');
      return get;
    });
    const identities = await Promise.all(
      items.map(async (get) => {
        const table = get['TableName'] as string;
        return identityOf(table, keyOf(await this.keyAttributes(table), (get['Key'] ?? {}) as Item));
      }),
    );
    return this.locks.run(identities, async () => {
      const answers = await Promise.all(
        items.map((get) => this.dynamo.call('GetItem', { ...get, ConsistentRead: true })),
      );
      return { Responses: answers.map((answer) => (answer['Item'] ? { Item: answer['Item'] } : {})) };
    });
  }

  private async plan(entries: Record<string, unknown>[]): Promise<PlannedWrite[]> {
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
      const keyNames = await this.keyAttributes(request.TableName);
      const source = kind === 'Put' ? request.Item : request.Key;
      if (!source) throw invalid(`${kind} in TransactItems needs ${kind === 'Put' ? 'Item' : 'Key'}`);
      const key = keyOf(keyNames, source);
      const identity = identityOf(request.TableName, key);
      if (seen.has(identity))
        throw invalid('Transaction request cannot include multiple operations on one item');
      seen.add(identity);
      parseConditional(request); // reports bad expressions before anything is read or written
      plan.push({ kind, request, key });
    }
    return plan;
  }

  /** A deleted table's key schema (one recreated under its name may have another). */
  forget(tableName: string): void {
    this.keySchemas.delete(tableName);
  }

  private keyAttributes(tableName: string): Promise<string[]> {
    let names = this.keySchemas.get(tableName);
    if (!names) {
      names = this.dynamo.call('DescribeTable', { TableName: tableName }).then((described) => {
        const table = described['Table'] as { KeySchema: { AttributeName: string }[] };
        return table.KeySchema.map((element) => element.AttributeName);
      });
      // A table that does not exist (yet) is asked again next time.
      names.catch(() => this.keySchemas.delete(tableName));
      this.keySchemas.set(tableName, names);
    }
    return names;
  }

  private async checkConditions(plan: PlannedWrite[]): Promise<void> {
    const befores = await Promise.all(
      plan.map((write) =>
        this.dynamo.call('GetItem', {
          TableName: write.request.TableName,
          Key: write.key,
          ConsistentRead: true,
        }),
      ),
    );
    const reasons = plan.map((write, i): CancellationReason => {
      write.before = befores[i]!['Item'] as Item | undefined;
      return conditionHolds(parseConditional(write.request), write.before)
        ? { Code: 'None' }
        : failedReason(write);
    });
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

function keyOf(keyNames: string[], source: Item): Item {
  const key: Item = {};
  for (const name of keyNames) {
    const value = source[name];
    if (!value) throw invalid('One or more parameter values were invalid: Missing the key in the item');
    key[name] = value;
  }
  return key;
}

const identityOf = (tableName: string, key: Item) => `${tableName}\u0000${JSON.stringify(key)}`;

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
