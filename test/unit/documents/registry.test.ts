import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_TYPES,
  documentTypeSchema,
  documentTypes,
  parseDocumentData,
} from '../../../functions/core/documents';
import { InvalidRequest } from '../../../functions/core/errors';
import { sampleOf } from './fixtures';

describe('document type registry', () => {
  it('has a descriptor for each of the eight types, under its own name', () => {
    expect(Object.keys(documentTypes).sort()).toEqual([...DOCUMENT_TYPES].sort());
    for (const type of DOCUMENT_TYPES) expect(documentTypes[type].type).toBe(type);
    expect(DOCUMENT_TYPES).toHaveLength(8);
  });

  it('declares every schema key as a field exactly once, and nothing else', () => {
    for (const descriptor of Object.values(documentTypes)) {
      const keys = descriptor.fields.map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect([...keys].sort()).toEqual(Object.keys(descriptor.schema.shape).sort());
    }
  });

  it('points every Latin spelling at a declared field', () => {
    for (const descriptor of Object.values(documentTypes)) {
      const keys = new Set(descriptor.fields.map((f) => f.key));
      for (const field of descriptor.fields) if (field.latinKey) expect(keys.has(field.latinKey)).toBe(true);
    }
  });

  it('gives every type and field a Ukrainian and an English label', () => {
    for (const descriptor of Object.values(documentTypes)) {
      expect(descriptor.titleUk).toMatch(/[А-ЯІЇЄҐ]/u);
      expect(descriptor.titleEn).toMatch(/^[A-Z]/);
      for (const field of descriptor.fields) {
        expect(field.labelUk.length).toBeGreaterThan(0);
        expect(field.labelEn.length).toBeGreaterThan(0);
      }
    }
  });

  it('refuses an unknown document type name', () => {
    expect(documentTypeSchema.safeParse('diploma').success).toBe(false);
    expect(documentTypeSchema.parse('student-card')).toBe('student-card');
  });
});

describe('parseDocumentData', () => {
  it('returns the data of a valid document unchanged', () => {
    const data = sampleOf('internal-passport');
    expect(parseDocumentData('internal-passport', data)).toEqual(data);
  });

  it('refuses unknown fields, because every schema is strict', () => {
    for (const type of DOCUMENT_TYPES) {
      const result = documentTypes[type].schema.safeParse({ ...sampleOf(type), nickname: 'Юля' });
      expect(result.success).toBe(false);
    }
  });

  it('lists every problem with its path in an InvalidRequest', () => {
    const data = {
      ...sampleOf('driver-license'),
      number: '123',
      categories: [{ category: 'Z', since: 'x' }],
    };
    let error: unknown;
    try {
      parseDocumentData('driver-license', data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidRequest);
    const paths = (error as InvalidRequest).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['number', 'categories.0.category', 'categories.0.since']));
  });

  it('refuses data that is not an object', () => {
    expect(() => parseDocumentData('taxpayer-card', 'Щербина')).toThrow(InvalidRequest);
    expect(() => parseDocumentData('taxpayer-card', null)).toThrow(InvalidRequest);
  });
});
