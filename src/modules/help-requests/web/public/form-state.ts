import type { TFunction } from 'i18next';
import type { HelpCategory, HelpRequestBody } from './types.ts';

/** What the person has written in the form, as typed. */
export interface HelpForm {
  category: HelpCategory | '';
  /** The person picked the category themselves (a suggestion then no longer changes it). */
  categoryChosen: boolean;
  description: string;
  neighbourhoodCode: string;
  position: { lat: number; lon: number } | null;
  address: string;
  livesAlone: boolean;
  age: string;
  healthIssue: boolean;
  noFood: boolean;
  minorsInvolved: boolean;
  name: string;
  phone: string;
  email: string;
  consent: boolean;
  onBehalfOf: '' | 'phone' | 'desk';
}

export const emptyForm: HelpForm = {
  category: '',
  categoryChosen: false,
  description: '',
  neighbourhoodCode: '',
  position: null,
  address: '',
  livesAlone: false,
  age: '',
  healthIssue: false,
  noFood: false,
  minorsInvolved: false,
  name: '',
  phone: '',
  email: '',
  consent: false,
  onBehalfOf: '',
};

/** The form's fields, in the order they appear: the error summary lists errors in this order. */
export const fieldOrder = [
  'description',
  'category',
  'neighbourhoodCode',
  'address',
  'age',
  'name',
  'phone',
  'email',
  'consent',
] as const;
export type FieldName = (typeof fieldOrder)[number];
export type FieldErrors = Partial<Record<FieldName, string>>;

/** The id of the element that a field's error leads to. */
export function fieldId(field: FieldName, firstCategory: string): string {
  return field === 'category' ? `help-category-${firstCategory}` : `help-${field}`;
}

const phonePattern = /^\+?[0-9 ./()-]{6,40}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is missing or wrong, field by field, in plain words (nothing is sent while there is any). */
export function validate(f: HelpForm, t: TFunction): FieldErrors {
  const e: FieldErrors = {};
  const m = (key: string) => t(`helpRequests.form.errors.${key}`);
  if (f.description.trim().length < 3) e.description = m('description');
  if (!f.category) e.category = m('category');
  if (!f.neighbourhoodCode && !f.position && !f.address.trim()) e.neighbourhoodCode = m('where');
  if (f.age.trim()) {
    const age = Number(f.age.trim());
    if (!Number.isInteger(age) || age < 0 || age > 120) e.age = m('age');
  }
  if (!f.name.trim()) e.name = m('name');
  if (f.phone.trim() && !phonePattern.test(f.phone.trim())) e.phone = m('phone');
  if (f.email.trim() && !emailPattern.test(f.email.trim())) e.email = m('email');
  if (!f.phone.trim() && !f.email.trim()) e.phone = m('contact');
  if (!f.consent) e.consent = m('consent');
  return e;
}

/** The request as the API takes it (only what was given). */
export function toBody(f: HelpForm, staff: boolean): HelpRequestBody {
  const circumstances: NonNullable<HelpRequestBody['circumstances']> = {};
  if (f.livesAlone) circumstances.livesAlone = true;
  if (f.healthIssue) circumstances.healthIssue = true;
  if (f.noFood) circumstances.noFood = true;
  if (f.minorsInvolved) circumstances.minorsInvolved = true;
  if (f.age.trim()) circumstances.age = Number(f.age.trim());
  return {
    category: f.category as HelpCategory,
    description: f.description.trim(),
    ...(f.neighbourhoodCode ? { neighbourhoodCode: f.neighbourhoodCode } : {}),
    ...(f.position ? { lat: f.position.lat, lon: f.position.lon } : {}),
    ...(f.address.trim() ? { address: f.address.trim() } : {}),
    contact: {
      name: f.name.trim(),
      ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
      ...(f.email.trim() ? { email: f.email.trim() } : {}),
    },
    consent: true,
    ...(Object.keys(circumstances).length ? { circumstances } : {}),
    ...(staff && f.onBehalfOf ? { onBehalfOf: { channel: f.onBehalfOf } } : {}),
  };
}

/** The API's field (`body.contact.phone`, `circumstances.age`, `lat`) as the form's field. */
export function formField(apiField: string): FieldName | null {
  const f = apiField.replace(/^body\./, '');
  if (f === 'contact.name') return 'name';
  if (f === 'contact.phone' || f === 'contact') return 'phone';
  if (f === 'contact.email') return 'email';
  if (f === 'circumstances.age') return 'age';
  if (f === 'lat' || f === 'lon' || f === 'neighbourhoodCode') return 'neighbourhoodCode';
  return (fieldOrder as readonly string[]).includes(f) ? (f as FieldName) : null;
}

/** A key for Idempotency-Key: one per form fill, so a double click or a retry creates nothing twice. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
