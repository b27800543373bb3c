/** Turns a connection failure into one line a person can act on (no stack trace, no password). */
export function describeConnectionError(url: string, error: unknown): string {
  let where = 'the database';
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || 5432}/${u.pathname.replace(/^\//, '')}`;
  } catch {
    // an unparsable URL is reported as such below
  }
  const e = error as { code?: string; message?: string };
  const reason =
    e.code === 'ECONNREFUSED'
      ? 'nothing answers there'
      : e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
        ? 'the host name is unknown'
        : e.code === '28P01' || e.code === '28000'
          ? 'the user name or password is wrong'
          : e.code === '3D000'
            ? 'the database does not exist'
            : (e.message ?? String(error));
  return `Cannot connect to PostgreSQL at ${where}: ${reason}. Check DATABASE_URL (or unset it to use the embedded server).`;
}
