import Papa from 'papaparse';
import { type FirmsImportReport, firmsRowSchema } from '../../shared/firms.ts';
import { fieldProblems } from '../../shared/errors.ts';
import type { Actor } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { reportFireAlert } from '../fire-alerts/service.ts';

/**
 * Imports a FIRMS CSV: each good row becomes a satellite fire alert, or joins the alert of the same fire
 * (another pixel, pass or satellite); rows outside Jiujiang are counted and skipped; a bad row is reported
 * with its line and reason and never spoils the good ones.
 */
export async function importFirms(deps: DomainDeps, csv: string, actor: Actor): Promise<FirmsImportReport> {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const columns = parsed.meta.fields ?? [];
  const missing = ['latitude', 'longitude', 'acq_date', 'acq_time', 'confidence'].filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new ApiError('validation_failed', 'not a FIRMS CSV: columns are missing', missing.map((c) => ({ field: c, reason: 'missing column' })));

  const report: FirmsImportReport = { rows: parsed.data.length, imported: 0, merged: 0, outsideRegion: 0, industrial: 0, rejected: [], alerts: [] };
  const alerts = new Set<string>();
  for (const [index, record] of parsed.data.entries()) {
    const line = index + 2; // the header is line 1
    const row = firmsRowSchema.safeParse(record);
    if (!row.success) {
      report.rejected.push({ line, reason: fieldProblems(row.error).map((p) => `${p.field}: ${p.reason}`).join('; ') });
      continue;
    }
    const d = row.data;
    if (deps.locator.locate(d.lon, d.lat) === undefined) {
      report.outsideRegion++;
      continue;
    }
    const frp = d.frpMw === null ? '' : `，辐射功率 ${d.frpMw} MW`;
    const { alert, merged } = await reportFireAlert(
      deps,
      {
        lon: d.lon,
        lat: d.lat,
        source: 'satellite',
        detectedAt: d.at,
        confidence: d.confidence,
        ...(d.frpMw === null ? {} : { frpMw: d.frpMw }),
        ...(d.footprint ? { footprint: d.footprint } : {}),
        description: `FIRMS ${d.instrument} ${d.satellite} 卫星热点${frp}`.replace(/\s+/g, ' '),
      },
      actor,
    );
    if (merged) report.merged++;
    else report.imported++;
    if (alert.heatSource !== null) report.industrial++;
    alerts.add(alert.id);
  }
  report.alerts = [...alerts];
  return report;
}
