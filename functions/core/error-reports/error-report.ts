import type { DocumentType } from '../documents/document-type';
import { NotFound } from '../errors';
import type { Page, PageRequest } from '../pagination';
import type { WalletStore } from '../wallet/wallet';

// handler --> (error reports) --> ErrorReportStore, RegistryInbox, WalletStore
//
// A citizen reports an error in one of their documents. The report is kept for the citizen (with its
// status) and routed to the registry that issued the document, which later sets the status.

export const ERROR_REPORT_STATUSES = ['submitted', 'in_review', 'resolved', 'rejected'] as const;
export type ErrorReportStatus = (typeof ERROR_REPORT_STATUSES)[number];
export const MAX_ERROR_REPORT_LENGTH = 2000;

export interface ErrorReport {
  reportId: string;
  citizenId: string;
  docId: string;
  documentType: DocumentType;
  /** The issuing registry (the document's `issuedBy`): where the report is routed. */
  registry: string;
  /** Citizen-written text: encrypted at rest by the store. */
  message: string;
  status: ErrorReportStatus;
  createdAt: string;
  updatedAt: string;
  /** The registry's answer, if it gave one. */
  registryNote?: string;
}

export interface ErrorReportStore {
  create(report: ErrorReport): Promise<void>;
  /** Removes a report whose routing failed, so that nothing half-done stays behind. */
  delete(citizenId: string, reportId: string): Promise<void>;
  get(reportId: string): Promise<ErrorReport | undefined>;
  /** The citizen's reports, newest first. */
  listForCitizen(citizenId: string, page: PageRequest): Promise<Page<ErrorReport>>;
  /** False when the report does not exist. */
  setStatus(reportId: string, status: ErrorReportStatus, now: Date, note?: string): Promise<boolean>;
}

/** The issuing registries' inbox (a queue on AWS). */
export interface RegistryInbox {
  deliver(report: ErrorReport): Promise<void>;
}

export interface SubmitErrorReportDeps {
  wallet: WalletStore;
  reports: ErrorReportStore;
  inbox: RegistryInbox;
  newReportId: () => string;
}

/**
 * 1. The document must be the citizen's own (anything else is 404, as for documents).
 * 2. Store the report, status `submitted`.
 * 3. Route it to the issuing registry; if that fails, remove the report and fail.
 */
export async function submitErrorReport(
  deps: SubmitErrorReportDeps,
  input: { citizenId: string; docId: string; message: string },
  now = new Date(),
): Promise<ErrorReport> {
  const document = await deps.wallet.getDocumentSummary(input.citizenId, input.docId);
  if (!document) throw new NotFound('document');
  const at = now.toISOString();
  const report: ErrorReport = {
    reportId: deps.newReportId(),
    citizenId: input.citizenId,
    docId: input.docId,
    documentType: document.type,
    registry: document.issuedBy,
    message: input.message,
    status: 'submitted',
    createdAt: at,
    updatedAt: at,
  };
  await deps.reports.create(report);
  try {
    await deps.inbox.deliver(report);
  } catch (error) {
    await deps.reports.delete(report.citizenId, report.reportId).catch(() => undefined);
    throw error;
  }
  return report;
}

/** What the citizen sees of a report. */
export function errorReportView(report: ErrorReport) {
  return {
    reportId: report.reportId,
    docId: report.docId,
    documentType: report.documentType,
    message: report.message,
    status: report.status,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    ...(report.registryNote ? { registryNote: report.registryNote } : {}),
  };
}

/** The registry's message on its queue: what it needs to find the record and act, nothing more. */
export function registryMessage(report: ErrorReport) {
  return {
    reportId: report.reportId,
    citizenId: report.citizenId,
    docId: report.docId,
    documentType: report.documentType,
    registry: report.registry,
    message: report.message,
    submittedAt: report.createdAt,
  };
}
