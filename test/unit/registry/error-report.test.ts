import { describe, expect, it } from 'vitest';
import {
  type ErrorReport,
  registryMessage,
  submitErrorReport,
} from '../../../functions/core/error-reports/error-report';
import { NotFound } from '../../../functions/core/errors';

const document = {
  docId: 'doc_1',
  citizenId: 'cit_1',
  type: 'internal-passport' as const,
  validUntil: '2030-01-01',
  issuedBy: 'Демо-реєстр',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function deps(failDelivery = false) {
  const stored = new Map<string, ErrorReport>();
  const delivered: ErrorReport[] = [];
  return {
    stored,
    delivered,
    deps: {
      wallet: {
        getDocumentSummary: async (citizenId: string, docId: string) =>
          citizenId === document.citizenId && docId === document.docId ? document : undefined,
      } as never,
      reports: {
        create: async (report: ErrorReport) => void stored.set(report.reportId, report),
        delete: async (_c: string, reportId: string) => void stored.delete(reportId),
      } as never,
      inbox: {
        deliver: async (report: ErrorReport) => {
          if (failDelivery) throw new Error('queue down');
          delivered.push(report);
        },
      },
      newReportId: () => 'er_1',
    },
  };
}

describe('submitErrorReport', () => {
  it('stores the report as submitted and routes it to the document’s issuing registry', async () => {
    const { deps: d, stored, delivered } = deps();
    const report = await submitErrorReport(d, { citizenId: 'cit_1', docId: 'doc_1', message: 'Помилка' });
    expect(report).toMatchObject({
      status: 'submitted',
      registry: 'Демо-реєстр',
      documentType: 'internal-passport',
    });
    expect(stored.get('er_1')).toEqual(report);
    expect(delivered).toEqual([report]);
    expect(registryMessage(report)).toEqual({
      reportId: 'er_1',
      citizenId: 'cit_1',
      docId: 'doc_1',
      documentType: 'internal-passport',
      registry: 'Демо-реєстр',
      message: 'Помилка',
      submittedAt: report.createdAt,
    });
  });

  it('answers not found for a document that is not the citizen’s', async () => {
    const { deps: d, stored } = deps();
    await expect(
      submitErrorReport(d, { citizenId: 'cit_2', docId: 'doc_1', message: 'x' }),
    ).rejects.toBeInstanceOf(NotFound);
    expect(stored.size).toBe(0);
  });

  it('leaves nothing behind when the registry queue cannot take the report', async () => {
    const { deps: d, stored } = deps(true);
    await expect(submitErrorReport(d, { citizenId: 'cit_1', docId: 'doc_1', message: 'x' })).rejects.toThrow(
      'queue down',
    );
    expect(stored.size).toBe(0);
  });
});
