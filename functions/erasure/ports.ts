import { dynamoBusinessRegistry } from '../adapters/dynamo/business-registry';
import { dynamoCopyStore } from '../adapters/dynamo/copy-store';
import {
  deleteCitizenItems,
  recordErasure,
  unlinkCopy,
  unlinkRequest,
} from '../adapters/dynamo/erasure-store';
import { dynamoErrorReportStore, listErrorReportIds } from '../adapters/dynamo/error-report-store';
import { dynamoOrganisationStore } from '../adapters/dynamo/organisation-store';
import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { deleteObject } from '../adapters/s3/bucket';
import { revokePorts } from '../consents/ports';
import type { ErasurePorts } from '../core/erasure/erase-citizen';

// Erasure wired to its AWS adapters, built once per container.
export const erasurePorts: ErasurePorts = {
  revoke: revokePorts,
  linkedCopies: async (citizenId, limit) =>
    (await dynamoCopyStore.listCitizenCopies(citizenId, { limit })).items,
  linkedRequests: async (citizenId, limit) =>
    (await dynamoRequestStore.listForCitizen(citizenId, { limit })).items,
  deleteObject,
  unlinkCopy,
  unlinkRequest,
  deleteOwnedRecords,
  deleteCitizenItems,
  recordErasure,
};

/**
 * Error reports first, then organisations the citizen heads (each with its branches and QR codes),
 * then the business registry's note that they head a company (the registry itself keeps its records;
 * this deployment's copy of the link to the citizen goes).
 */
async function deleteOwnedRecords(citizenId: string, limit: number): Promise<number> {
  const reports = await listErrorReportIds(citizenId, { limit });
  for (const reportId of reports.ids) await dynamoErrorReportStore.delete(citizenId, reportId);
  if (reports.ids.length >= limit) return reports.ids.length;
  const organisations = await dynamoOrganisationStore.listByOwner(citizenId, {
    limit: limit - reports.ids.length,
  });
  for (const organisation of organisations.items) await dynamoOrganisationStore.delete(organisation.orgId);
  const done = reports.ids.length + organisations.items.length;
  if (done >= limit) return done;
  return done + (await dynamoBusinessRegistry.forgetHead(citizenId, limit - done));
}
