import { kyivDate } from '../checks/kyiv-calendar';
import type { DocumentType } from './document-type';
import { descriptorOf } from './registry';

export type DocumentStatus = 'valid' | 'expired';

/** Expired from the Kyiv day after its last day of validity; documents without one never expire. */
export function documentStatus(type: DocumentType, data: Record<string, unknown>, now: Date): DocumentStatus {
  const validUntil = descriptorOf(type).validUntil(data);
  return validUntil !== undefined && kyivDate(now) > validUntil ? 'expired' : 'valid';
}
