// UpdateTimeToLive / DescribeTimeToLive and the expiry AWS performs, which dynalite lacks. The TTL
// attribute of each table is remembered in a JSON file; a sweeper deletes items whose TTL attribute
// (a Number, epoch seconds) is in the past. AWS deletes within days, not at once: code must still
// check expiry on read, and tests can call sweep() instead of waiting.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DynaliteClient, DynamoError, type Item } from './dynalite-client';

const invalid = (message: string) => new DynamoError('ValidationException', message, 400);

export class TimeToLive {
  private readonly attributes: Record<string, string>;
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    private readonly file: string,
    private readonly dynamo: DynaliteClient,
  ) {
    this.attributes = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  }

  async update(input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const tableName = String(input['TableName'] ?? '');
    const spec = input['TimeToLiveSpecification'] as
      | { Enabled?: boolean; AttributeName?: string }
      | undefined;
    if (!spec || typeof spec.Enabled !== 'boolean' || !spec.AttributeName) {
      throw invalid('TimeToLiveSpecification needs Enabled and AttributeName');
    }
    await this.dynamo.call('DescribeTable', { TableName: tableName }); // ResourceNotFoundException as AWS
    const current = this.attributes[tableName];
    if (spec.Enabled && current) throw invalid('TimeToLive is already enabled');
    if (!spec.Enabled && !current) throw invalid('TimeToLive is already disabled');
    if (!spec.Enabled && current !== spec.AttributeName) {
      throw invalid('TimeToLive AttributeName does not match the current setting');
    }
    if (spec.Enabled) this.attributes[tableName] = spec.AttributeName;
    else delete this.attributes[tableName];
    this.save();
    return { TimeToLiveSpecification: { Enabled: spec.Enabled, AttributeName: spec.AttributeName } };
  }

  async describe(input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const tableName = String(input['TableName'] ?? '');
    await this.dynamo.call('DescribeTable', { TableName: tableName });
    const attribute = this.attributes[tableName];
    return {
      TimeToLiveDescription: attribute
        ? { TimeToLiveStatus: 'ENABLED', AttributeName: attribute }
        : { TimeToLiveStatus: 'DISABLED' },
    };
  }

  /** A deleted table takes its TTL setting with it, as on AWS. */
  forget(tableName: string): void {
    if (this.attributes[tableName] === undefined) return;
    delete this.attributes[tableName];
    this.save();
  }

  startSweeping(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.sweep().catch((err) => console.error('edge: TTL sweep failed', err));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
  }

  /** Deletes every expired item now; resolves with how many were deleted. */
  sweep(nowMs = Date.now()): Promise<number> {
    // One sweep at a time: a slow sweep and the next tick must not race each other.
    const previous = this.sweeping ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => this.sweepAll(Math.floor(nowMs / 1000)));
    this.sweeping = next;
    return next;
  }

  private async sweepAll(nowSeconds: number): Promise<number> {
    let deleted = 0;
    for (const [table, attribute] of Object.entries(this.attributes)) {
      try {
        deleted += await this.sweepTable(table, attribute, nowSeconds);
      } catch (err) {
        if (err instanceof DynamoError && err.type === 'ResourceNotFoundException') this.forget(table);
        else throw err;
      }
    }
    return deleted;
  }

  private async sweepTable(table: string, attribute: string, nowSeconds: number): Promise<number> {
    const described = await this.dynamo.call('DescribeTable', { TableName: table });
    const keyNames = (described['Table'] as { KeySchema: { AttributeName: string }[] }).KeySchema.map(
      (element) => element.AttributeName,
    );
    const names: Record<string, string> = { '#ttl': attribute };
    keyNames.forEach((name, i) => {
      names[`#k${i}`] = name;
    });
    const now = { ':now': { N: `${nowSeconds}` } };
    // Deletes are conditional too, so an item whose TTL was just pushed forward is kept.
    const stillExpired = {
      ConditionExpression: '#ttl < :now',
      ExpressionAttributeNames: { '#ttl': attribute },
      ExpressionAttributeValues: now,
    };
    let deleted = 0;
    let startKey: unknown;
    do {
      const page = await this.dynamo.call('Scan', {
        TableName: table,
        FilterExpression: '#ttl < :now',
        ProjectionExpression: keyNames.map((_, i) => `#k${i}`).join(', '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: now,
        ExclusiveStartKey: startKey,
      });
      for (const key of (page['Items'] as Item[] | undefined) ?? []) {
        try {
          await this.dynamo.call('DeleteItem', { TableName: table, Key: key, ...stillExpired });
          deleted++;
        } catch (err) {
          if (!(err instanceof DynamoError && err.type === 'ConditionalCheckFailedException')) throw err;
        }
      }
      startKey = page['LastEvaluatedKey'];
    } while (startKey);
    return deleted;
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.attributes, null, 2));
    renameSync(temporary, this.file);
  }
}
