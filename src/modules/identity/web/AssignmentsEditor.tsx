import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, SelectField } from './forms.tsx';
import { labelOr, roleLabel, useZones } from './labels.ts';
import { defaultScope, type RoleAssignment, roleCodes, scopeKinds, scopesWithRef } from './types.ts';

/** Makes an assignment fit its scope: a reference only where the scope needs one. */
export function cleanAssignments(list: RoleAssignment[]): RoleAssignment[] {
  return list.map((a) => ({
    role: a.role,
    scope: { kind: a.scope.kind, ref: scopesWithRef.has(a.scope.kind) ? (a.scope.ref ?? '').trim() : null },
  }));
}

interface Props {
  /** Prefix of the ids, so two editors can share a page. */
  id: string;
  value: RoleAssignment[];
  onChange: (value: RoleAssignment[]) => void;
  /** Only a platform admin gives platform-wide roles. */
  allowPlatform: boolean;
  /** Errors by assignment index (from the API's `assignments.N` fields). */
  errors?: Record<number, string>;
}

/** The roles of a person, each with where it applies: add, change, remove. */
export function AssignmentsEditor({ id, value, onChange, allowPlatform, errors = {} }: Props) {
  const { t } = useTranslation();
  const zones = useZones();
  // Stable keys for the rows, so removing one does not hand its neighbours' state around.
  const keys = useRef<number[]>([]);
  const counter = useRef(0);
  while (keys.current.length < value.length) keys.current.push(counter.current++);
  keys.current.length = value.length;
  const remove = (i: number) => {
    keys.current.splice(i, 1);
    onChange(value.filter((_, j) => j !== i));
  };
  const update = (i: number, next: RoleAssignment) => onChange(value.map((a, j) => (j === i ? next : a)));
  const roleOptions = (current: string) =>
    roleCodes
      .filter((r) => allowPlatform || r !== 'platform_admin' || r === current)
      .map((r) => ({ value: r, label: roleLabel(t, r) }));
  const kindOptions = (current: string) =>
    scopeKinds
      .filter((k) => allowPlatform || k !== 'platform' || k === current)
      .map((k) => ({ value: k, label: labelOr(t, `identity.scopeKinds.${k}`, k) }));
  return (
    <div>
      {value.length === 0 && <p>{t('identity.assignments.none')}</p>}
      {value.map((a, i) => {
        const n = i + 1;
        const rowId = `${id}-${i}`;
        return (
          <fieldset
            key={keys.current[i]}
            className="noi-assignment mb-3"
            aria-describedby={errors[i] ? `${rowId}-error` : undefined}
          >
            <legend className="h6">{t('identity.assignments.legend', { n })}</legend>
            <div className="row g-3">
              <div className="col-12 col-md-4">
                <SelectField
                  id={`${rowId}-role`}
                  label={t('identity.assignments.role')}
                  value={a.role}
                  options={roleOptions(a.role)}
                  onChange={(role) =>
                    update(i, { role, scope: { kind: defaultScope[role] ?? 'own', ref: null } })
                  }
                />
              </div>
              <div className="col-12 col-md-4">
                <SelectField
                  id={`${rowId}-kind`}
                  label={t('identity.assignments.scope')}
                  value={a.scope.kind}
                  options={kindOptions(a.scope.kind)}
                  onChange={(kind) => update(i, { ...a, scope: { kind, ref: null } })}
                />
              </div>
              <div className="col-12 col-md-4">
                {a.scope.kind === 'zone' && (
                  <SelectField
                    id={`${rowId}-ref`}
                    label={t('identity.assignments.zone')}
                    value={a.scope.ref ?? ''}
                    options={[
                      { value: '', label: t('identity.assignments.chooseZone') },
                      ...zones.map((z) => ({ value: z.code, label: z.name })),
                      ...(a.scope.ref && !zones.some((z) => z.code === a.scope.ref)
                        ? [{ value: a.scope.ref, label: a.scope.ref }]
                        : []),
                    ]}
                    onChange={(ref) => update(i, { ...a, scope: { ...a.scope, ref: ref || null } })}
                  />
                )}
                {(a.scope.kind === 'community_point' || a.scope.kind === 'organisation') && (
                  <Field
                    id={`${rowId}-ref`}
                    label={t(`identity.assignments.${a.scope.kind}Ref`)}
                    value={a.scope.ref ?? ''}
                    onChange={(ref) => update(i, { ...a, scope: { ...a.scope, ref } })}
                  />
                )}
              </div>
            </div>
            {errors[i] && (
              <div id={`${rowId}-error`} className="noi-field-error mb-2">
                {errors[i]}
              </div>
            )}
            <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => remove(i)}>
              {t('identity.assignments.remove', { n })}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="btn btn-sm btn-outline-primary"
        onClick={() => onChange([...value, { role: 'citizen', scope: { kind: 'own', ref: null } }])}
      >
        {t('identity.assignments.add')}
      </button>
    </div>
  );
}

/** `assignments.2` → { 2: message }. */
export function assignmentErrors(
  errors: { field: string; message: string }[] | undefined,
): Record<number, string> {
  const out: Record<number, string> = {};
  for (const e of errors ?? []) {
    const m = /^(?:body\.)?assignments\.(\d+)/.exec(e.field);
    if (m) out[Number(m[1])] ??= e.message;
  }
  return out;
}
