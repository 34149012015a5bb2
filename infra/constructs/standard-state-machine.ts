import { type CfnElement, type Duration, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  type IChainable,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

/**
 * docshare's state machines are all alike: Standard (exactly-once, long waits), X-Ray traced, logged
 * without execution data (inputs carry ids of citizens and requests), invoking their task Lambdas by
 * ARN with version qualifiers — the `<arn>:*` grant cdk-nag flags and this acknowledges.
 */
export function standardStateMachine(
  scope: Construct,
  definition: IChainable,
  timeout: Duration,
  tasks: IFunction[],
): StateMachine {
  const stateMachine = new StateMachine(scope, 'StateMachine', {
    stateMachineType: StateMachineType.STANDARD,
    definitionBody: DefinitionBody.fromChainable(definition),
    timeout,
    tracingEnabled: true,
    logs: {
      destination: new LogGroup(scope, 'Logs', {
        // Under /aws/vendedlogs/, CloudWatch Logs takes Step Functions' delivery without a resource
        // policy per log group (which is limited to 10 per region).
        logGroupName: `/aws/vendedlogs/states/${Names.uniqueResourceName(scope, { maxLength: 200, separator: '-' })}`,
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      level: LogLevel.ALL,
      includeExecutionData: false,
    },
  });
  // The state machine's role: CloudWatch Logs delivery and X-Ray are defined on no resource.
  Validations.of(stateMachine).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'CloudWatch Logs log delivery (logs:*LogDelivery*, DescribeResourcePolicies) and X-Ray act on no resource.',
  });
  for (const task of tasks) {
    const logicalId = Stack.of(scope).getLogicalId(task.node.defaultChild as CfnElement);
    Validations.of(stateMachine).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
      reason:
        'Step Functions invokes the task Lambda by ARN with version qualifiers (`<arn>:*`), as CDK grants it.',
    });
  }
  return stateMachine;
}
