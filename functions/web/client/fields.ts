import { h, lang, t, tr } from './dom';

// What a request shares of each document, the way the citizen approves it: every field that goes,
// and — for an extract — every field that does not, in the page's language.

export interface FieldLabel {
  key: string;
  uk: string;
  en: string;
}

export interface SharedFields {
  documentType: string;
  extract: boolean;
  shared: FieldLabel[];
  notShared: FieldLabel[];
}

const labelOf = (field: FieldLabel) => (lang === 'en' ? field.en : field.uk);

/** One list item per document: its name, then what is and is not shared. */
export function requestedDocumentsList(documentTypes: string[], sharedFields?: SharedFields[]): HTMLElement {
  return h(
    'ul',
    { class: 'plain requested-documents' },
    ...documentTypes.map((type) => {
      const fields = sharedFields?.find((entry) => entry.documentType === type);
      if (!fields?.extract) {
        return h(
          'li',
          { 'data-document-type': type },
          tr(`type_${type}`),
          h('span', { class: 'muted' }, ` — ${t('wholeDocument')}`),
        );
      }
      return h(
        'li',
        { 'data-document-type': type, 'data-extract': 'true' },
        h('strong', {}, tr(`type_${type}`)),
        h('p', { class: 'fields-shared' }, `${t('fieldsShared')} ${fields.shared.map(labelOf).join(', ')}`),
        h(
          'p',
          { class: 'fields-not-shared muted' },
          `${t('fieldsNotShared')} ${fields.notShared.map(labelOf).join(', ')}`,
        ),
      );
    }),
  );
}
