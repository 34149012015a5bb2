import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { retentionConfig, ttlAfter } from '../../config/retention';
import type { ErrorReport, ErrorReportStore } from '../../core/error-reports/error-report';
import { openJson, type Sealed, sealJson } from '../kms/envelope';
import { documentClient, tableName } from './client';
import { isConditionFailure, queryIndexPage } from './queries';

// ERRORREPORT#<reportId> / REPORT, with gsi1 CITIZEN#<citizenId>#ERRORREPORTS / <createdAt> for the
// citizen's list. The message is citizen-written text, so it is sealed like personal fields; the rest
// (ids, type, registry, status, times) is what lists and the registry's status updates need.

const key = (reportId: string) => ({ pk: `ERRORREPORT#${reportId}`, sk: 'REPORT' });
const citizenReports = (citizenId: string) => `CITIZEN#${citizenId}#ERRORREPORTS`;
const context = (report: Pick<ErrorReport, 'citizenId' | 'reportId'>) => ({
  citizenId: report.citizenId,
  reportId: report.reportId,
});

async function reportOf(item: Record<string, unknown>): Promise<ErrorReport> {
  const base = {
    reportId: item.reportId as string,
    citizenId: item.citizenId as string,
    docId: item.docId as string,
    documentType: item.documentType as ErrorReport['documentType'],
    registry: item.registry as string,
    status: item.status as ErrorReport['status'],
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    ...(item.registryNote ? { registryNote: item.registryNote as string } : {}),
  };
  const { message } = await openJson<{ message: string }>(item.sealedMessage as Sealed, context(base));
  return { ...base, message };
}

/** A citizen's report ids, without opening any message: what erasure needs (it may not decrypt). */
export async function listErrorReportIds(
  citizenId: string,
  page: { limit: number },
): Promise<{ ids: string[]; nextCursor?: string }> {
  const found = await queryIndexPage({ partition: citizenReports(citizenId), page });
  return { ids: found.items.map((item) => String(item.reportId)), nextCursor: found.nextCursor };
}

export const dynamoErrorReportStore: ErrorReportStore = {
  async create(report) {
    const { message, ...clear } = report;
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...key(report.reportId),
          type: 'error-report',
          ...clear,
          sealedMessage: await sealJson({ message }, context(report)),
          gsi1pk: citizenReports(report.citizenId),
          gsi1sk: `${report.createdAt}#${report.reportId}`,
          expiresAtEpoch: ttlAfter(report.createdAt, retentionConfig().RETENTION_ERROR_REPORT_DAYS),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async delete(_citizenId, reportId) {
    await documentClient.send(new DeleteCommand({ TableName: tableName, Key: key(reportId) }));
  },

  async get(reportId) {
    const out = await documentClient.send(new GetCommand({ TableName: tableName, Key: key(reportId) }));
    return out.Item ? reportOf(out.Item) : undefined;
  },

  async listForCitizen(citizenId, page) {
    const found = await queryIndexPage({ partition: citizenReports(citizenId), page });
    return { items: await Promise.all(found.items.map(reportOf)), nextCursor: found.nextCursor };
  },

  async setStatus(reportId, status, now, note) {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(reportId),
          UpdateExpression: `SET #status = :status, updatedAt = :now${note ? ', registryNote = :note' : ''}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ':now': now.toISOString(),
            ...(note ? { ':note': note } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },
};
