import { describe, expect, it } from 'vitest';
import {
  extractData,
  fieldKeysOf,
  normaliseFieldSelection,
  presentFieldCount,
  sharedFieldsView,
} from '../../../functions/core/documents/field-selection';
import { InvalidRequest } from '../../../functions/core/errors';

const refusal = (run: () => unknown): InvalidRequest => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidRequest) return error;
    throw error;
  }
  throw new Error('expected an InvalidRequest');
};

describe('field selections of offers', () => {
  it('normalises a selection: duplicates dropped, the document’s print order kept', () => {
    expect(
      normaliseFieldSelection({ 'internal-passport': ['birthDate', 'surname', 'birthDate'] }, [
        'internal-passport',
      ]),
    ).toEqual({ 'internal-passport': ['surname', 'birthDate'] });
  });

  it('names the offending entry of a bad selection', () => {
    const unknown = refusal(() =>
      normaliseFieldSelection({ 'internal-passport': ['surname', 'eyeColour'] }, ['internal-passport']),
    );
    expect(unknown.errors).toEqual([
      { path: 'body.fields.internal-passport.1', message: 'unknown field eyeColour' },
    ]);
    const notAsked = refusal(() =>
      normaliseFieldSelection({ 'taxpayer-card': ['rnokpp'] }, ['internal-passport']),
    );
    expect(notAsked.errors[0]?.path).toBe('body.fields.taxpayer-card');
    const empty = refusal(() => normaliseFieldSelection({ 'internal-passport': [] }, ['internal-passport']));
    expect(empty.detail).toContain('empty');
    // A service inside an organisation's registration names its own place in the body.
    const nested = refusal(() =>
      normaliseFieldSelection(
        { 'taxpayer-card': ['rnokpp'] },
        ['internal-passport'],
        'body.services.1.fields',
      ),
    );
    expect(nested.errors[0]?.path).toBe('body.services.1.fields.taxpayer-card');
  });

  it('extracts only the chosen keys, and everything without a selection', () => {
    const data = { surname: 'Щербина', givenName: 'Юлія', documentNumber: '004817265' };
    expect(extractData(data, ['surname', 'patronymic'])).toEqual({ surname: 'Щербина' });
    expect(extractData(data, undefined)).toBe(data);
  });

  it('counts the fields a document holds, not those its type could hold', () => {
    expect(fieldKeysOf('internal-passport')).toContain('patronymic');
    expect(presentFieldCount('internal-passport', { surname: 'Щербина', patronymic: '' })).toBe(1);
  });

  it('tells the citizen what goes and what does not, per document', () => {
    const [passport, card] = sharedFieldsView(['internal-passport', 'taxpayer-card'], {
      'internal-passport': ['surname'],
    });
    expect(passport).toMatchObject({
      extract: true,
      shared: [{ key: 'surname', uk: 'Прізвище', en: 'Surname' }],
    });
    expect(passport!.notShared.map((field) => field.key)).toContain('documentNumber');
    expect(passport!.shared.length + passport!.notShared.length).toBe(
      fieldKeysOf('internal-passport').length,
    );
    expect(card).toMatchObject({ extract: false, notShared: [] });
  });
});
