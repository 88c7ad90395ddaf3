import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ColumnMapping,
  COORDINATE_SYSTEMS,
  type CoordinateSystem,
  type LedgerImportReport,
  type LedgerKind,
  LEDGER_FIELDS,
  ledgerFields,
} from '../../shared/ledger-import.ts';
import { districtByCode } from '../../shared/districts.ts';
import { fileType, upload, type Uploaded } from '../api/send.ts';
import { Refusal, RejectedRows } from './ImportReports.tsx';

const importPath = (kind: LedgerKind, mapping: ColumnMapping | null, crs: CoordinateSystem, dryRun: boolean) =>
  `/api/import/ledger/${kind}?${new URLSearchParams({ crs, dryRun: String(dryRun), ...(mapping ? { mapping: JSON.stringify(mapping) } : {}) })}`;

/**
 * A ledger (台账) brought in: choose the file and the coordinate system, check the mapping of columns the
 * server suggests and the preview of the rows as they will be filed, then import. Nothing is written before
 * the officer presses import; the answer counts what was created, updated, unchanged and refused by line.
 */
export function LedgerImport({ kind }: { kind: LedgerKind }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [crs, setCrs] = useState<CoordinateSystem>('wgs84');
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [preview, setPreview] = useState<Uploaded<LedgerImportReport> | null>(null);
  const [done, setDone] = useState<Uploaded<LedgerImportReport> | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean, chosen: File, withMapping: ColumnMapping | null, inCrs: CoordinateSystem) => {
    setBusy(true);
    const answer = await upload<LedgerImportReport>(importPath(kind, withMapping, inCrs, dryRun), chosen, fileType(chosen.name));
    setBusy(false);
    if (!dryRun) return setDone(answer);
    setPreview(answer);
    setDone(null);
    if (answer.ok) setMapping(answer.body.mapping);
  };
  const choose = (chosen: File | undefined) => {
    setFile(chosen ?? null);
    setMapping(null);
    setPreview(null);
    setDone(null);
    if (chosen) void run(true, chosen, null, crs);
  };
  const report = preview?.ok ? preview.body : null;
  const canImport = file !== null && report !== null && report.mappingProblems.length === 0 && !busy;

  return (
    <div className="ledger-import" data-testid={`import-${kind}`}>
      <div className="import-controls">
        <input type="file" accept=".csv,.xlsx" aria-label={t('imports.chooseFile')} onChange={(e) => choose(e.target.files?.[0])} />
        {kind === 'risk-points' && (
          <label>
            {t('imports.crs')}{' '}
            <select value={crs} onChange={(e) => setCrs(e.target.value as CoordinateSystem)} aria-label={t('imports.crs')}>
              {COORDINATE_SYSTEMS.map((c) => (
                <option key={c} value={c}>
                  {t(`imports.crsName.${c}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button disabled={!file || busy} onClick={() => file && void run(true, file, mapping, crs)}>
          {t('imports.preview')}
        </button>
        <button className="primary" disabled={!canImport} data-testid="import-commit" onClick={() => file && void run(false, file, mapping, crs)}>
          {t('imports.commit')}
        </button>
      </div>
      {preview && !preview.ok && <Refusal refusal={preview} />}
      {report && (
        <>
          <table className="mapping" data-testid="mapping">
            <tbody>
              {ledgerFields(kind).map((field) => {
                const required = (LEDGER_FIELDS[kind] as Record<string, { required: boolean }>)[field]!.required;
                const problem = report.mappingProblems.find((p) => p.field === `mapping.${field}`);
                return (
                  <tr key={field} className={problem ? 'problem' : ''}>
                    <th>
                      {t(`imports.field.${field}`)}
                      {required && ' *'}
                    </th>
                    <td>
                      <select
                        aria-label={t(`imports.field.${field}`)}
                        value={mapping?.[field] ?? ''}
                        onChange={(e) => setMapping({ ...mapping, [field]: e.target.value })}
                      >
                        <option value="">{t('imports.notMapped')}</option>
                        {report.columns.map((c) => (
                          <option key={c} value={c}>
                            {c}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{problem && t('imports.requiredField')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {report.mappingProblems.length === 0 && (
            <>
              <p className="import-counts" data-testid="preview-counts">
                {t('imports.previewCounts', {
                  rows: report.rows,
                  created: report.created,
                  updated: report.updated,
                  unchanged: report.unchanged,
                  rejected: report.rejectedRows,
                })}
              </p>
              <SampleRows rows={report.sample} />
              <RejectedRows rejected={report.rejected} total={report.rejectedRows} />
            </>
          )}
        </>
      )}
      {done && !done.ok && <Refusal refusal={done} />}
      {done?.ok && (
        <p className="import-done" data-testid="import-done">
          {t('imports.doneCounts', {
            rows: done.body.rows,
            created: done.body.created,
            updated: done.body.updated,
            unchanged: done.body.unchanged,
            rejected: done.body.rejectedRows,
          })}
        </p>
      )}
    </div>
  );
}

/** A value as the screen words it: codes in the officer's language, districts by name. */
function useCellText() {
  const { t, i18n } = useTranslation();
  return (key: string, value: unknown): string => {
    const text = String(value ?? '');
    if (key === 'category' || key === 'level') return t(`${key}.${text}`);
    if (key === 'grade') return t(`hazard.grade.${text}`);
    if (key === 'district') {
      const d = districtByCode(text);
      return (i18n.language === 'en' ? d?.nameEn : d?.name) ?? text;
    }
    return text;
  };
}

/** The first rows as they will be filed, with the columns they have. */
function SampleRows({ rows }: { rows: Record<string, unknown>[] }) {
  const { t } = useTranslation();
  const cellText = useCellText();
  if (rows.length === 0) return null;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return (
    <table className="sample" data-testid="preview-rows">
      <thead>
        <tr>
          {keys.map((k) => (
            <th key={k}>{t(`imports.field.${k}`, { defaultValue: k })}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {keys.map((k) => (
              <td key={k}>{cellText(k, row[k])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
