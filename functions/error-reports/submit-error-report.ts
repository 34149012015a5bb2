import { randomUUID } from 'node:crypto';
import { dynamoErrorReportStore } from '../adapters/dynamo/error-report-store';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { sqsRegistryInbox } from '../adapters/sqs/registry-inbox';
import { submitErrorReport as submit } from '../core/error-reports/error-report';
import { http } from '../http/handler';
import { submitErrorReport } from './routes';

const deps = {
  wallet: dynamoWalletStore,
  reports: dynamoErrorReportStore,
  inbox: sqsRegistryInbox,
  newReportId: () => `er_${randomUUID().replaceAll('-', '')}`,
};

export const handler = http(submitErrorReport, async ({ citizen, body }) => {
  const report = await submit(deps, { citizenId: citizen.citizenId, ...body });
  return { reportId: report.reportId };
});
