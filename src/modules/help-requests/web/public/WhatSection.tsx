import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors, HelpForm } from './form-state.ts';
import { reasonsPhrase } from './reasons.ts';
import type { HelpCategory } from './types.ts';
import { useSuggestion } from './useSuggestion.ts';

interface Props {
  form: HelpForm;
  set: (patch: Partial<HelpForm>) => void;
  errors: FieldErrors;
  /** The categories in the order shown (an emergency's first). */
  categories: readonly HelpCategory[];
}

/** What is needed: the person's words, the category the words suggest, and the categories as cards. */
export function WhatSection({ form, set, errors, categories }: Props) {
  const { t, i18n } = useTranslation();
  const suggestion = useSuggestion(form.description);
  const top = suggestion?.categories.find((c) => c.score > 0) ?? null;
  const danger = suggestion?.urgency.reasons.some((r) => r.code.endsWith('.danger_words')) ?? false;
  // Until the person picks a category, the suggestion picks it for them (they can change it).
  const suggested = top?.category;
  useEffect(() => {
    if (suggested && !form.categoryChosen && form.category !== suggested) set({ category: suggested });
  }, [suggested, form.categoryChosen, form.category, set]);
  const descError = errors.description;
  return (
    <fieldset className="noi-help-section">
      <legend className="h3">{t('helpRequests.form.what')}</legend>
      <div className="noi-help-field">
        <label htmlFor="help-description" className="noi-help-label">
          {t('helpRequests.form.description')}
        </label>
        <small id="help-description-hint" className="noi-hint">
          {t('helpRequests.form.descriptionHint')}
        </small>
        <textarea
          id="help-description"
          name="description"
          rows={5}
          maxLength={4000}
          className={`form-control${descError ? ' is-invalid' : ''}`}
          value={form.description}
          onChange={(e) => set({ description: e.target.value })}
          aria-invalid={descError ? true : undefined}
          aria-describedby={`help-description-hint help-suggestion${descError ? ' help-description-error' : ''}`}
        />
        {descError && (
          <div id="help-description-error" className="noi-field-error">
            {descError}
          </div>
        )}
        <div
          id="help-suggestion"
          aria-live="polite"
          className="noi-help-suggestion"
          data-testid="help-suggestion"
        >
          {top && (
            <p className="mb-0">
              <strong>
                {t('helpRequests.suggest.label', {
                  category: t(`helpRequests.category.${top.category}.name`),
                })}
              </strong>{' '}
              — {t('helpRequests.suggest.because', { reasons: reasonsPhrase(top.reasons, t, i18n.language) })}{' '}
              {form.category === top.category ? (
                t('helpRequests.suggest.chosen')
              ) : (
                <button
                  type="button"
                  className="btn btn-link p-0 align-baseline"
                  onClick={() => set({ category: top.category, categoryChosen: true })}
                >
                  {t('helpRequests.suggest.use', {
                    category: t(`helpRequests.category.${top.category}.name`),
                  })}
                </button>
              )}
            </p>
          )}
        </div>
        {danger && (
          <div className="alert alert-warning mt-2" role="alert">
            {t('helpRequests.form.danger')}
          </div>
        )}
      </div>
      <fieldset
        className="noi-help-field"
        aria-describedby={errors.category ? 'help-category-error' : undefined}
      >
        <legend className="noi-help-label">{t('helpRequests.form.category')}</legend>
        {errors.category && (
          <div id="help-category-error" className="noi-field-error mb-2">
            {errors.category}
          </div>
        )}
        <div className="noi-help-cards">
          {categories.map((c) => (
            <div key={c} className={`noi-help-card${form.category === c ? ' noi-help-card-on' : ''}`}>
              <input
                type="radio"
                id={`help-category-${c}`}
                name="category"
                value={c}
                checked={form.category === c}
                onChange={() => set({ category: c, categoryChosen: true })}
                aria-describedby={`help-category-${c}-hint`}
              />
              <label htmlFor={`help-category-${c}`}>
                <span className="noi-help-card-title">{t(`helpRequests.category.${c}.name`)}</span>
                <span id={`help-category-${c}-hint`} className="noi-help-card-hint">
                  {t(`helpRequests.category.${c}.hint`)}
                </span>
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </fieldset>
  );
}
