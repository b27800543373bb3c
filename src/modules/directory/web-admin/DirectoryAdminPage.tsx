import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, type Problem, useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { LoadFailure } from '../../identity/web/access.tsx';
import { Notice, ProblemAlert, toProblem } from '../../identity/web/forms.tsx';
import { formatDateTime } from '../../identity/web/labels.ts';

interface ReviewItem {
  kind: 'service' | 'organization';
  id: string;
  name: string;
  organization: { id: string; name: string };
  lastVerifiedAt: string | null;
}
interface Issue {
  row: number | null;
  column: string | null;
  code: string;
  message: { it: string; en: string };
}
interface Report {
  dryRun: boolean;
  imported: boolean;
  rows: number;
  organizations: { created: number; matched: number };
  locations: { created: number; matched: number };
  services: { created: number; updated: number };
  errors: Issue[];
  warnings: Issue[];
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The city's work on the directory: entries to check again, and imports from spreadsheets. */
export function DirectoryAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('directoryAdmin.title'));
  return (
    <div className="container my-5">
      <h1>{t('directoryAdmin.title')}</h1>
      <p className="lead">{t('directoryAdmin.intro')}</p>
      <ReviewSection />
      <ImportSection />
    </div>
  );
}

function ReviewSection() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useApi<{ items: ReviewItem[]; total: number; page: number }>(
    `/api/v1/directory/review?page=${page}`,
  );
  const [checked, setChecked] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  if (list.state === 'error') return <LoadFailure error={list.error} onRetry={list.reload} />;
  const verify = async (item: ReviewItem) => {
    setProblem(null);
    try {
      await api.post(
        `/api/v1/directory/${item.kind === 'service' ? 'services' : 'organizations'}/${item.id}/verify`,
      );
      setChecked(item.name);
      list.reload();
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  return (
    <section className="mt-5" aria-labelledby="review-title">
      <h2 id="review-title">{t('directoryAdmin.review.title')}</h2>
      <p>{t('directoryAdmin.review.intro')}</p>
      <ProblemAlert problem={problem} />
      {checked && <Notice>{t('directoryAdmin.review.checked', { name: checked })}</Notice>}
      {list.state === 'loading' ? (
        <Loading />
      ) : list.data.total === 0 ? (
        <p>{t('directoryAdmin.review.none')}</p>
      ) : (
        <>
          <p aria-live="polite">{t('directoryAdmin.review.count', { count: list.data.total })}</p>
          <div className="table-responsive">
            <table className="table">
              <caption className="visually-hidden">{t('directoryAdmin.review.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('directoryAdmin.review.entry')}</th>
                  <th scope="col">{t('directoryAdmin.review.organization')}</th>
                  <th scope="col">{t('directoryAdmin.review.lastChecked')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('directoryAdmin.review.action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((item) => (
                  <tr key={`${item.kind}-${item.id}`}>
                    <td>
                      <Link
                        to={item.kind === 'service' ? `/servizi/${item.id}` : `/organizzazioni/${item.id}`}
                      >
                        {item.name}
                      </Link>{' '}
                      <span className="badge bg-secondary">{t(`directoryAdmin.kind.${item.kind}`)}</span>
                    </td>
                    <td>{item.organization.name}</td>
                    <td>
                      {item.lastVerifiedAt
                        ? formatDateTime(item.lastVerifiedAt, i18n.language)
                        : t('directoryAdmin.review.never')}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-outline-primary btn-sm"
                        onClick={() => void verify(item)}
                      >
                        {t('directoryAdmin.review.verify')}
                        <span className="visually-hidden">: {item.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label={t('directoryAdmin.review.pages')} className="d-flex gap-2">
            <button
              type="button"
              className="btn btn-outline-secondary btn-sm"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
            >
              {t('directoryAdmin.review.previous')}
            </button>
            <button
              type="button"
              className="btn btn-outline-secondary btn-sm"
              disabled={page * 50 >= list.data.total}
              onClick={() => setPage(page + 1)}
            >
              {t('directoryAdmin.review.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

function ImportSection() {
  const { t, i18n } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const [dryRun, setDryRun] = useState(true);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ processed: number; total: number } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'it';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    setReport(null);
    if (!file) {
      setProblem({ type: 'client', title: '', status: 400, detail: t('directoryAdmin.import.chooseFile') });
      return;
    }
    const xlsx = /\.xlsx$/i.test(file.name);
    const id = crypto.randomUUID();
    setProblem(null);
    setBusy(true);
    setProgress({ processed: 0, total: 0 });
    const timer = setInterval(() => {
      api
        .get<{ processed: number; total: number }>(`/api/v1/directory/import/${id}/progress`)
        .then((p) => setProgress(p))
        .catch(() => {});
    }, 500);
    try {
      const result = await api.upload<Report>(
        `/api/v1/directory/import?dryRun=${dryRun}`,
        file,
        xlsx ? xlsxType : 'text/csv',
        { 'x-import-id': id },
      );
      setReport(result);
    } catch (error) {
      const p = toProblem(error);
      const withReport = error instanceof ApiError ? (p as Problem & { report?: Report }).report : undefined;
      if (withReport) setReport(withReport);
      setProblem(p);
    } finally {
      clearInterval(timer);
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <section className="mt-5" aria-labelledby="import-title">
      <h2 id="import-title">{t('directoryAdmin.import.title')}</h2>
      <p>{t('directoryAdmin.import.intro')}</p>
      <form onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
        <div className="mb-3">
          <label htmlFor="import-file" className="form-label">
            {t('directoryAdmin.import.file')}
          </label>
          <input
            ref={fileInput}
            id="import-file"
            type="file"
            className="form-control"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="import-file-hint"
          />
          <small id="import-file-hint" className="form-text">
            {t('directoryAdmin.import.fileHint')}
          </small>
        </div>
        <div className="form-check mb-3">
          <input
            id="import-dry-run"
            type="checkbox"
            className="form-check-input"
            checked={dryRun}
            onChange={(e) => setDryRun(e.target.checked)}
          />
          <label htmlFor="import-dry-run" className="form-check-label">
            {t('directoryAdmin.import.dryRun')}
          </label>
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {dryRun ? t('directoryAdmin.import.check') : t('directoryAdmin.import.import')}
        </button>
      </form>
      {progress && (
        <div className="mt-3">
          <label htmlFor="import-progress">{t('directoryAdmin.import.progress')}</label>
          <progress
            id="import-progress"
            className="w-100"
            max={progress.total || 1}
            value={progress.total ? progress.processed : undefined}
          >
            {progress.processed}/{progress.total}
          </progress>
        </div>
      )}
      <div className="mt-4">
        <ProblemAlert problem={problem} />
      </div>
      {report && (
        <div className="mt-3" aria-live="polite">
          {report.errors.length === 0 && (
            <Notice>
              {report.imported
                ? t('directoryAdmin.import.done', { rows: report.rows })
                : t('directoryAdmin.import.clean', { rows: report.rows })}
            </Notice>
          )}
          <ul>
            <li>
              {t('directoryAdmin.import.organizations', {
                created: report.organizations.created,
                matched: report.organizations.matched,
              })}
            </li>
            <li>
              {t('directoryAdmin.import.locations', {
                created: report.locations.created,
                matched: report.locations.matched,
              })}
            </li>
            <li>
              {t('directoryAdmin.import.services', {
                created: report.services.created,
                updated: report.services.updated,
              })}
            </li>
          </ul>
          {[
            ['errors', report.errors],
            ['warnings', report.warnings],
          ].map(([kind, issues]) =>
            (issues as Issue[]).length ? (
              <div key={kind as string} className="table-responsive">
                <table className="table table-sm">
                  <caption>
                    {t(`directoryAdmin.import.${kind}`, { count: (issues as Issue[]).length })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('directoryAdmin.import.row')}</th>
                      <th scope="col">{t('directoryAdmin.import.column')}</th>
                      <th scope="col">{t('directoryAdmin.import.message')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(issues as Issue[]).slice(0, 500).map((issue) => (
                      <tr key={`${issue.row}-${issue.column}-${issue.code}-${issue.message.en}`}>
                        <td>{issue.row ?? '—'}</td>
                        <td>{issue.column ?? '—'}</td>
                        <td>{issue.message[lang]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null,
          )}
        </div>
      )}
    </section>
  );
}
