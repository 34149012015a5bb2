import type { DocumentField } from './descriptor';
import type { DocumentType } from './document-type';
import { descriptorOf } from './registry';

export interface DescribedField {
  key: string;
  label: string;
  value: string;
  /** The Latin spelling printed beside the value, when the document has one. */
  latin?: string;
}

export interface DocumentDescription {
  title: string;
  fields: DescribedField[];
}

const SEX_UK: Record<string, string> = { M: 'Ч', F: 'Ж' };

/** 'YYYY-MM-DD' → 'dd.MM.yyyy', the way Ukrainian documents print dates. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

function formatCategories(value: unknown): string {
  if (!Array.isArray(value)) return String(value);
  return value
    .map((entry: { category?: unknown; since?: unknown; until?: unknown }) => {
      const since = typeof entry.since === 'string' ? ` з ${formatDate(entry.since)}` : '';
      const until = typeof entry.until === 'string' ? ` до ${formatDate(entry.until)}` : '';
      return `${String(entry.category)}${since || until ? ` (${`${since}${until}`.trim()})` : ''}`;
    })
    .join(', ');
}

function formatValue(field: DocumentField, value: unknown): string {
  switch (field.kind) {
    case 'date':
      return typeof value === 'string' ? formatDate(value) : String(value);
    case 'sex':
      return SEX_UK[String(value)] ?? String(value);
    case 'driving-categories':
      return formatCategories(value);
    default:
      return String(value);
  }
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * A document as people read it: the Ukrainian title and one row per field in print order, Ukrainian
 * labels, dates as dd.MM.yyyy, the Latin spelling beside the name it spells. Absent optional fields
 * are left out. This is what copies (PDF) and the wallet print.
 */
export function describeDocument(type: DocumentType, data: Record<string, unknown>): DocumentDescription {
  const descriptor = descriptorOf(type);
  const latinKeys = new Set(descriptor.fields.flatMap((f) => (f.latinKey ? [f.latinKey] : [])));
  const fields: DescribedField[] = [];
  for (const field of descriptor.fields) {
    if (latinKeys.has(field.key) || isBlank(data[field.key])) continue;
    const row: DescribedField = {
      key: field.key,
      label: field.labelUk,
      value: formatValue(field, data[field.key]),
    };
    const latin = field.latinKey ? data[field.latinKey] : field.kind === 'sex' ? data[field.key] : undefined;
    if (!isBlank(latin)) row.latin = String(latin);
    fields.push(row);
  }
  return { title: descriptor.titleUk, fields };
}
