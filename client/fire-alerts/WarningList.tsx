import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAP_SEVERITIES, inForce, type Warning } from '../../shared/warnings.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { SEVERITY_COLOR } from '../ui/palette.ts';

const bySeverity = (a: Warning, b: Warning) => CAP_SEVERITIES.indexOf(a.severity) - CAP_SEVERITIES.indexOf(b.severity) || (a.sent < b.sent ? 1 : -1);

/**
 * 预警发布: CAP warnings in force, the most severe first, in the screen's language where the warning has it.
 * They take only the room they need, up to a cap (theme: `.warnings-box`), and fold away to one line: the
 * fire-alert queue below, where the work is, keeps the rest of the panel.
 */
export function WarningList() {
  const { t, i18n } = useTranslation();
  const warnings = useLive((v) => v.sync.live?.warnings);
  const shown = useMemo(() => [...(warnings?.values() ?? [])].filter(inForce).sort(bySeverity), [warnings]);
  const [open, setOpen] = useState(true);
  if (shown.length === 0) return null;
  const worst = shown[0]!.severity;
  return (
    <section className="warnings-box" data-testid="warning-list" data-open={open}>
      <button type="button" className="warnings-toggle" aria-expanded={open} onClick={() => setOpen(!open)} style={{ borderLeftColor: SEVERITY_COLOR[worst] }}>
        <span>{t('warnings.title')}</span>
        <b>{t('warnings.count', { count: shown.length })}</b>
        <span className="chevron" data-open={open} aria-hidden="true" />
      </button>
      {open && (
        <ol className="warnings">
          {shown.map((w) => {
            const text = w.texts.find((x) => x.language.toLowerCase().startsWith(i18n.language === 'en' ? 'en' : 'zh')) ?? w.texts[0];
            return (
              <li key={w.id} style={{ borderLeftColor: SEVERITY_COLOR[w.severity] }} data-warning-id={w.id}>
                <div className="feed-line">
                  <time>{formatDateTime(w.sent, i18n.language)}</time>
                  <strong style={{ color: SEVERITY_COLOR[w.severity] }}>{t(`warnings.severity.${w.severity}`)}</strong>
                  <span>{text?.event ?? w.event}</span>
                  {w.status === 'updated' && <em>{t('warnings.updated')}</em>}
                  {w.demo && <span className="demo-tag">{t('demo.badge')}</span>}
                </div>
                <div className="feed-text">{text?.headline || w.areas.map((a) => a.description).join('、')}</div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
