import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { SharedResources } from '../stacks/docshare-stack';
import { DocshareFunction } from './docshare-function';

// Retention (F8) beyond S3 lifecycle and DynamoDB TTL (data-store.ts, periods in config/retention.ts):
// an hourly job marks copies past their expiry `expired`, found through the table's expiry index.
export class Retention extends Construct {
  readonly expireCopies: DocshareFunction;

  constructor(scope: Construct, id: string, shared: SharedResources) {
    super(scope, id);
    const { data } = shared;
    this.expireCopies = new DocshareFunction(this, 'ExpireCopies', {
      entry: 'retention/expire-copies',
      environment: { TABLE_NAME: data.table.tableName },
      timeout: Duration.minutes(5),
    });
    data.grantTable(this.expireCopies, 'readWrite');
    new Rule(this, 'Hourly', {
      description: 'Mark copies past their expiry as expired',
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [
        new LambdaFunction(this.expireCopies, {
          retryAttempts: 2,
          deadLetterQueue: shared.failedEvents.queue,
        }),
      ],
    });
  }
}
