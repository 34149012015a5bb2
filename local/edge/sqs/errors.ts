import { AwsServiceError } from '../aws-json-service';

// SQS over JSON is "AWS Query compatible": errors carry the Smithy shape in `__type` and the legacy
// Query code in `x-amzn-query-error`, from which the SDK picks the error class (QueueDoesNotExist for
// AWS.SimpleQueueService.NonExistentQueue) and fills `Code`.
export function sqsError(shape: string, queryCode: string, message: string): AwsServiceError {
  return new AwsServiceError(`com.amazonaws.sqs#${shape}`, message, 400, {
    'x-amzn-query-error': `${queryCode};Sender`,
  });
}

export const queueDoesNotExist = () =>
  sqsError(
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
    'The specified queue does not exist.',
  );

export const invalidParameter = (message: string) =>
  sqsError('InvalidParameterValueException', 'InvalidParameterValue', message);

export const missingParameter = (name: string) =>
  sqsError('MissingParameter', 'MissingParameter', `The request must contain the parameter ${name}.`);
