import type { Page, PageRequest } from '../pagination';
import type { CounterRef } from '../ratelimit/sliding-window';
import type { RequestStatus, ShareRequest } from './share-request';

// handler / flow task --> (request use cases) --> RequestStore <-- DynamoDB adapter

export type CreateOutcome = 'created' | 'exists' | 'barcode-gone';

/** One entry of a request's audit trail (no personal data: ids, kinds, counts). */
export interface AuditEntry {
  event: string;
  actor: string;
  details?: Record<string, unknown>;
}

export interface RequestStore {
  /**
   * Uses the barcode up and creates the request in one transaction, with its `audit` entry and, if
   * given, giving back the reserved guess (`release`): one round trip for all of a submission's writes.
   */
  createConsumingBarcode(
    request: ShareRequest,
    barcode: string,
    now: Date,
    extras: { audit: AuditEntry; release?: CounterRef },
  ): Promise<CreateOutcome>;
  create(request: ShareRequest): Promise<'created' | 'exists'>;
  get(partnerId: string, requestId: string): Promise<ShareRequest | undefined>;
  /**
   * The partners whose request with this id is the citizen's: requestIds are chosen by partners, so
   * two partners' requests may share one (normally none or one). Read the requests with get().
   */
  findPartnersForCitizen(citizenId: string, requestId: string): Promise<string[]>;
  listForCitizen(citizenId: string, page: PageRequest, status?: RequestStatus): Promise<Page<ShareRequest>>;
  /** Moves the request to `to` only from one of `from`; false if it was elsewhere. */
  transition(
    partnerId: string,
    requestId: string,
    from: RequestStatus[],
    to: RequestStatus,
    fields?: Partial<ShareRequest>,
  ): Promise<boolean>;
  /**
   * The citizen's decision: pending_consent → `decision`, answering the flow's task token as the same
   * write left the request (none if the flow has not stored it yet); undefined if it was not pending.
   */
  recordDecision(
    partnerId: string,
    requestId: string,
    decision: 'approved' | 'declined',
    decidedAt: string,
  ): Promise<{ taskToken?: string } | undefined>;
  update(partnerId: string, requestId: string, fields: Partial<ShareRequest>): Promise<void>;
  /** Records that the partner presented the deep link's return result; false if it already had. */
  markReturnResultPresented(partnerId: string, requestId: string, at: string): Promise<boolean>;
  /** Stores the flow's task token while the request waits; false once it is no longer pending. */
  setTaskToken(partnerId: string, requestId: string, taskToken: string): Promise<boolean>;
  /** Binds a deep-link request to the first citizen who opens it; false if someone else has it. */
  bindCitizen(partnerId: string, requestId: string, citizenId: string, createdAt: string): Promise<boolean>;
  putDeeplink(tokenHash: string, partnerId: string, requestId: string, expiresAt: string): Promise<void>;
  findDeeplink(tokenHash: string): Promise<{ partnerId: string; requestId: string } | undefined>;
  getTaskToken(partnerId: string, requestId: string): Promise<string | undefined>;
  audit(
    partnerId: string,
    requestId: string,
    event: string,
    actor: string,
    details?: Record<string, unknown>,
  ): Promise<void>;
}
