import type { TFunction } from 'i18next';

export const minPasswordLength = 10;
export const maxPasswordLength = 200;

/** Client checks of a new password and its confirmation; the server checks again. */
export function checkNewPassword(
  t: TFunction,
  password: string,
  confirm: string,
  fields: { password: string; confirm: string },
): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (password.length < minPasswordLength) {
    errors.push({
      field: fields.password,
      message: t('identity.form.passwordTooShort', { min: minPasswordLength }),
    });
  } else if (password.length > maxPasswordLength) {
    errors.push({
      field: fields.password,
      message: t('identity.form.passwordTooLong', { max: maxPasswordLength }),
    });
  }
  if (confirm !== password)
    errors.push({ field: fields.confirm, message: t('identity.form.passwordMismatch') });
  return errors;
}
