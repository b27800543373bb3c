import type { ReactNode } from 'react';

/**
 * One filter of a list page: a labelled select in its grid column, whose first option ("any …",
 * empty value) leaves the filter off, with an optional hint under it.
 */
export function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The text of the empty option ("Tutti i quartieri"). */
  any: string;
  hint?: string;
  children: ReactNode;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div className="col-12 col-md-6 col-lg-3">
      <div className="select-wrapper noi-field">
        <label htmlFor={props.id}>{props.label}</label>
        <select
          id={props.id}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          aria-describedby={hintId}
        >
          <option value="">{props.any}</option>
          {props.children}
        </select>
        {props.hint && (
          <small id={hintId} className="form-text noi-hint">
            {props.hint}
          </small>
        )}
      </div>
    </div>
  );
}
