// Creates the in-process JSON-protocol emulators (KMS, Step Functions). Each keeps its state in its
// own folder of the edge's data directory (<dataDir>/kms, <dataDir>/stepfunctions), which it names.
import { type AwsJsonService, AwsServiceError, type LambdaInvoker } from './aws-json-service';
import { createKmsService } from './kms';
import { createSqsService } from './sqs';
import { createStepFunctionsService } from './stepfunctions';

export interface JsonServices {
  kms: AwsJsonService;
  states: AwsJsonService;
  sqs: AwsJsonService;
}

/** Without a local runtime there are no functions: a Task that invokes one fails as on AWS. */
const noFunctions: LambdaInvoker = async (name) => {
  throw new AwsServiceError('ResourceNotFoundException', `Function not found: ${name}`, 404);
};

export function createJsonServices(opts: {
  dataDir: string;
  region: string;
  accountId: string;
  invokeLambda?: LambdaInvoker;
  /** The edge's URL once it listens (SQS queue URLs point at it). */
  edgeUrl?: () => string;
}): JsonServices {
  const { dataDir, region, accountId } = opts;
  return {
    kms: createKmsService({ dataDir, region, accountId }),
    states: createStepFunctionsService({
      dataDir,
      region,
      accountId,
      invokeLambda: opts.invokeLambda ?? noFunctions,
    }),
    sqs: createSqsService({
      dataDir,
      region,
      accountId,
      baseUrl: opts.edgeUrl ?? (() => `https://sqs.${region}.amazonaws.com`),
    }),
  };
}
