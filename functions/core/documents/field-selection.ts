import { InvalidRequest } from '../errors';
import type { DocumentType } from './document-type';
import { descriptorOf } from './registry';

// Field-level data minimisation (product F8): an offer may name, per document type, the fields it
// needs. A copy made for such a selection is an extract: its PDF, metadata and QR hold only those
// fields. No selection for a type means the whole document, as before.

/** Per document type, the keys of the fields asked for (in the type's print order once normalised). */
export type FieldSelection = Partial<Record<DocumentType, string[]>>;

/** Every field key a document type has, in print order. */
export function fieldKeysOf(type: DocumentType): string[] {
  return descriptorOf(type).fields.map((field) => field.key);
}

/**
 * Checks a selection against the offer's document types and returns it normalised (duplicates
 * dropped, keys in print order). Throws InvalidRequest naming the offending entry: a type the offer
 * does not ask for, an empty list, or a key the type does not have.
 */
export function normaliseFieldSelection(
  selection: Record<string, readonly string[] | undefined>,
  documentTypes: readonly DocumentType[],
  /** Where the selection sits in the request body, for the error paths. */
  at = 'body.fields',
): FieldSelection {
  const normalised: FieldSelection = {};
  for (const [type, keys] of Object.entries(selection)) {
    if (keys === undefined) continue;
    const path = `${at}.${type}`;
    if (!documentTypes.includes(type as DocumentType)) {
      throw new InvalidRequest(`fields names ${type}, which this offer does not ask for`, [
        { path, message: 'must be one of the offer’s documentTypes' },
      ]);
    }
    if (keys.length === 0) {
      throw new InvalidRequest(`fields.${type} is empty; leave the type out to share the whole document`, [
        { path, message: 'must name at least one field' },
      ]);
    }
    const known = fieldKeysOf(type as DocumentType);
    const unknown = keys.find((key) => !known.includes(key));
    if (unknown !== undefined) {
      throw new InvalidRequest(`${type} has no field ${unknown}`, [
        { path: `${path}.${keys.indexOf(unknown)}`, message: `unknown field ${unknown}` },
      ]);
    }
    normalised[type as DocumentType] = known.filter((key) => keys.includes(key));
  }
  return normalised;
}

/** The fields of a type that travel under a selection; undefined = the whole document. */
export function selectedFields(
  selection: FieldSelection | undefined,
  type: DocumentType,
): string[] | undefined {
  return selection?.[type];
}

/** The document's data restricted to the selected keys (the whole data without a selection). */
export function extractData(
  data: Record<string, unknown>,
  fields: readonly string[] | undefined,
): Record<string, unknown> {
  if (!fields) return data;
  const picked: Record<string, unknown> = {};
  for (const key of fields) if (data[key] !== undefined) picked[key] = data[key];
  return picked;
}

/** How many fields the document itself holds (absent optional fields do not count). */
export function presentFieldCount(type: DocumentType, data: Record<string, unknown>): number {
  return fieldKeysOf(type).filter((key) => data[key] !== undefined && data[key] !== null && data[key] !== '')
    .length;
}

export interface FieldLabel {
  key: string;
  uk: string;
  en: string;
}

export interface SharedFieldsView {
  documentType: DocumentType;
  /** True when only some fields travel. */
  extract: boolean;
  shared: FieldLabel[];
  notShared: FieldLabel[];
}

/** What a citizen is shown before approving: per document, the fields that go and those that do not. */
export function sharedFieldsView(
  documentTypes: readonly DocumentType[],
  selection: FieldSelection | undefined,
): SharedFieldsView[] {
  return documentTypes.map((type) => {
    const chosen = selectedFields(selection, type);
    const labels = descriptorOf(type).fields.map((field) => ({
      key: field.key,
      uk: field.labelUk,
      en: field.labelEn,
    }));
    return {
      documentType: type,
      extract: chosen !== undefined,
      shared: chosen ? labels.filter((label) => chosen.includes(label.key)) : labels,
      notShared: chosen ? labels.filter((label) => !chosen.includes(label.key)) : [],
    };
  });
}
