import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { SharedResources } from '../stacks/docshare-stack';
import { DocshareFunction } from './docshare-function';

// Document refresh (F9): a daily job finds documents expired or expiring within 30 days, takes the
// issuing registry's newer version into the wallet and notifies the citizen (read through the
// Notifications construct). Locally the runtime's scheduler runs the same rule, and
// `npm run admin -- documents refresh` runs the job at once.
export class DocumentRefresh extends Construct {
  readonly job: DocshareFunction;

  constructor(scope: Construct, id: string, shared: SharedResources) {
    super(scope, id);
    const { data } = shared;
    const env = { TABLE_NAME: data.table.tableName, ...data.keyEnvironment };

    this.job = new DocshareFunction(this, 'RefreshDocuments', {
      entry: 'refresh/refresh-documents',
      environment: env,
      timeout: Duration.minutes(5),
    });
    data.grantTable(this.job, 'readWrite');
    data.grantDocuments(this.job, 'open', 'seal');
    new Rule(this, 'Daily', {
      description: 'Refresh documents due from their issuing registries',
      schedule: Schedule.rate(Duration.days(1)),
      targets: [
        new LambdaFunction(this.job, { retryAttempts: 2, deadLetterQueue: shared.failedEvents.queue }),
      ],
    });
  }
}
