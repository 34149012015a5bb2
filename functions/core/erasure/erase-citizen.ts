import { type RevokePorts, revokePartner } from '../consents/revoke-partner';
import type { CopyRecord } from '../copies/copy-record';
import { NotFound } from '../errors';
import { allPages } from '../pagination';
import { decideRequest } from '../requests/decide-request';
import { effectiveStatus, type ShareRequest } from '../requests/share-request';

// Erasure (DELETE /v1/me), run as a resumable job: each step does one bounded batch of one phase and
// says what comes next, so a Step Functions loop drives it and a failed step is simply retried.
// Every operation is idempotent, so repeating a step (or the whole job) is harmless.
//   revoke   – every partner loses access: pending requests declined, copies revoked, partners told
//   copies   – signed PDFs deleted; copy records keep only what verification needs (no citizen link)
//   requests – packages deleted; requests and their audit trail keep no citizen link
//   owned    – what the citizen created: error reports, organisations they head (with their QR codes)
//   wallet   – profile, documents, barcodes, PIN, consents, notifications: the citizen's partition
//   done     – an anonymised record that an erasure happened, and how much it removed

export type ErasurePhase = 'revoke' | 'copies' | 'requests' | 'owned' | 'wallet' | 'done';

export interface ErasureState {
  citizenId: string;
  erasureId: string;
  requestedAt: string;
  phase: ErasurePhase;
  counts: { partners: number; copies: number; requests: number; items: number };
}

export interface ErasureRecord {
  erasureId: string;
  requestedAt: string;
  completedAt: string;
  counts: ErasureState['counts'];
}

/** An erasure the state machine gave up on after its retries: kept for the operator, no citizen id. */
export interface ErasureFailure {
  erasureId: string;
  requestedAt: string;
  /** The phase that kept failing; a new execution started with the state resumes there. */
  phase: ErasurePhase;
  failedAt: string;
  /** The error's name only (its message could quote data). */
  error: string;
}

export function erasureFailure(
  state: Pick<ErasureState, 'erasureId' | 'requestedAt' | 'phase'>,
  error: string,
  now: Date,
): ErasureFailure {
  return {
    erasureId: state.erasureId,
    requestedAt: state.requestedAt,
    phase: state.phase,
    failedAt: now.toISOString(),
    error: /^[\w.]{1,100}$/.test(error) ? error : 'Unknown',
  };
}

export interface ErasurePorts {
  revoke: RevokePorts;
  /** Up to `limit` of the citizen's copies still linked to them. */
  linkedCopies(citizenId: string, limit: number): Promise<CopyRecord[]>;
  /** Up to `limit` of the citizen's requests still linked to them. */
  linkedRequests(citizenId: string, limit: number): Promise<ShareRequest[]>;
  deleteObject(key: string): Promise<void>;
  /** Drops the citizen link from a copy record (it stays verifiable: status, type, recipient). */
  unlinkCopy(copyId: string): Promise<void>;
  /** Drops the citizen link from a request and from its audit trail. */
  unlinkRequest(request: ShareRequest): Promise<void>;
  /** Deletes up to `limit` records the citizen created elsewhere (error reports, organisations). */
  deleteOwnedRecords(citizenId: string, limit: number): Promise<number>;
  /** Deletes up to `limit` items of the citizen's own partition (and the barcodes they point to). */
  deleteCitizenItems(citizenId: string, limit: number): Promise<number>;
  recordErasure(record: ErasureRecord): Promise<void>;
}

export const BATCH = 50;

export function startState(citizenId: string, erasureId: string, now: Date): ErasureState {
  return {
    citizenId,
    erasureId,
    requestedAt: now.toISOString(),
    phase: 'revoke',
    counts: { partners: 0, copies: 0, requests: 0, items: 0 },
  };
}

export async function eraseStep(
  ports: ErasurePorts,
  state: ErasureState,
  now = new Date(),
): Promise<ErasureState> {
  const { citizenId } = state;
  const counts = { ...state.counts };
  const next = (phase: ErasurePhase): ErasureState => ({ ...state, phase, counts });

  switch (state.phase) {
    case 'revoke': {
      for (const partnerId of await partnersOf(ports.revoke, citizenId)) {
        try {
          await revokePartner(ports.revoke, citizenId, partnerId, now);
          counts.partners++;
        } catch (error) {
          if (!(error instanceof NotFound)) throw error;
        }
      }
      return next('copies');
    }
    case 'copies': {
      const copies = await ports.linkedCopies(citizenId, BATCH);
      for (const copy of copies) {
        await ports.deleteObject(copy.pdfKey);
        await ports.unlinkCopy(copy.copyId);
        counts.copies++;
      }
      return next(copies.length < BATCH ? 'requests' : 'copies');
    }
    case 'requests': {
      const requests = await ports.linkedRequests(citizenId, BATCH);
      for (const request of requests) {
        // One that arrived after the revoke phase is still declined, never left waiting.
        if (effectiveStatus(request, now) === 'pending_consent')
          await decideRequest(
            ports.revoke.decide,
            citizenId,
            request.requestId,
            'declined',
            undefined,
            now,
            request.partnerId,
          );
        if (request.packageKey) await ports.deleteObject(request.packageKey);
        await ports.unlinkRequest(request);
        counts.requests++;
      }
      return next(requests.length < BATCH ? 'owned' : 'requests');
    }
    case 'owned': {
      const deleted = await ports.deleteOwnedRecords(citizenId, BATCH);
      counts.items += deleted;
      return next(deleted < BATCH ? 'wallet' : 'owned');
    }
    case 'wallet': {
      const deleted = await ports.deleteCitizenItems(citizenId, BATCH);
      counts.items += deleted;
      if (deleted >= BATCH) return next('wallet');
      await ports.recordErasure({
        erasureId: state.erasureId,
        requestedAt: state.requestedAt,
        completedAt: now.toISOString(),
        counts,
      });
      return next('done');
    }
    case 'done':
      return state;
  }
}

/** Every partner the citizen ever dealt with: by consent, request or copy. */
async function partnersOf(ports: RevokePorts, citizenId: string): Promise<string[]> {
  const partners = new Set<string>();
  for (const consent of await ports.consents.listForCitizen(citizenId)) partners.add(consent.partnerId);
  for (const request of await allPages((page) => ports.decide.requests.listForCitizen(citizenId, page)))
    partners.add(request.partnerId);
  for (const copy of await allPages((page) => ports.listCitizenCopies(citizenId, page)))
    partners.add(copy.issuedTo.partnerId);
  return [...partners];
}
