import { dynamoErrorReportStore } from '../adapters/dynamo/error-report-store';
import { errorReportView } from '../core/error-reports/error-report';
import { http } from '../http/handler';
import { listErrorReports } from './routes';

export const handler = http(listErrorReports, async ({ citizen, query }) => {
  const page = await dynamoErrorReportStore.listForCitizen(citizen.citizenId, query);
  return { items: page.items.map(errorReportView), nextCursor: page.nextCursor };
});
