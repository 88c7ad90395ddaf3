import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import { HAZARD_GRADES, HAZARD_TRANSITIONS, type Hazard, hazardRoleRefusal, type HazardStatus, type HazardTransition } from '../../shared/hazards.ts';
import { api } from '../api/write.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { beijingDayFromNow, endOfBeijingDay } from './dates.ts';

/** The step's verb on its button, by where it goes from where it stands (rectifying is 开始整改 or 退回整改). */
const verbOf = (from: HazardStatus, to: HazardStatus) => (from === 'reinspection' && to === 'rectifying' ? 'sendBack' : to);

type Outcome = { state: 'idle' | 'busy' } | { state: 'failed'; message: string };

const FIVE_EMPTY = { responsibility: '', measures: '', funds: '', deadline: '', contingencyPlan: '' };

/**
 * 闭环 on screen: exactly the next steps a hazard allows, as verbs, with what each needs — a reason to not
 * accept a tip-off, the notice's content, a major hazard's five elements before rectification — and the
 * steps that end a case asked once more. 销号 is the leader's: an officer sees the button and why it is not
 * theirs. Refusals come back in the screen's language; the step itself comes back over the live feed.
 */
export function HazardActions({ hazard }: { hazard: Hazard }) {
  const { t } = useTranslation();
  const role = useLive((v) => v.principal?.role);
  const [note, setNote] = useState('');
  const [grade, setGrade] = useState<Hazard['grade']>(hazard.grade);
  const [form, setForm] = useState<'notice' | 'five' | null>(null);
  const [notice, setNotice] = useState({ responsiblePerson: '', measures: '', deadline: beijingDayFromNow(15) });
  const [five, setFive] = useState({ ...FIVE_EMPTY, deadline: beijingDayFromNow(60) });
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const next = HAZARD_TRANSITIONS[hazard.status];
  if (!role || !can(role, 'operate') || next.length === 0) return null;

  const needsFive = hazard.status === 'notice' && hazard.grade === 'major' && !hazard.fiveElements;
  const fiveElements = () => ({ ...five, deadline: endOfBeijingDay(five.deadline) });
  const act = async (step: HazardTransition) => {
    setOutcome({ state: 'busy' });
    const sent = await api.hazards.step({ id: hazard.id }, step);
    if (!sent.ok) return setOutcome({ state: 'failed', message: sent.message });
    setNote('');
    setForm(null);
    setOutcome({ state: 'idle' });
  };
  const busy = outcome.state === 'busy';

  const button = (to: HazardStatus) => {
    const verb = verbOf(hazard.status, to);
    const common = { 'data-status': to, className: `step step-${verb}` };
    if (to === 'found')
      return (
        <span key={to} className="step-with">
          <select aria-label={t('hazard.gradeLabel')} value={grade} onChange={(e) => setGrade(e.target.value as Hazard['grade'])} data-testid="accept-grade">
            {HAZARD_GRADES.map((g) => (
              <option key={g} value={g}>
                {t(`hazard.grade.${g}`)}
              </option>
            ))}
          </select>
          <button key={to} {...common} disabled={busy} onClick={() => act({ status: 'found', note: note.trim(), grade })}>
            {t('hazard.verb.found')}
          </button>
        </span>
      );
    if (to === 'dismissed')
      return (
        <ConfirmButton
          key={to}
          {...common}
          disabled={busy || !note.trim()}
          label={t('hazard.verb.dismissed')}
          ask={t('hazard.ask.dismissed')}
          onConfirm={() => void act({ status: 'dismissed', note: note.trim() })}
        />
      );
    if (to === 'closed') {
      const refusal = hazardRoleRefusal(role, 'closed');
      return (
        <span key={to} className="step-with">
          <ConfirmButton
            {...common}
            disabled={busy || refusal !== null}
            label={t('hazard.verb.closed')}
            ask={t('hazard.ask.closed')}
            onConfirm={() => void act({ status: 'closed', note: note.trim() })}
          />
          {refusal && (
            <small className="step-why" data-testid="close-not-yours">
              {t('hazard.leaderCloses')}
            </small>
          )}
        </span>
      );
    }
    if (to === 'notice')
      return (
        <button key={to} {...common} disabled={busy} aria-expanded={form === 'notice'} onClick={() => setForm(form === 'notice' ? null : 'notice')}>
          {t('hazard.verb.notice')}
        </button>
      );
    if (to === 'rectifying' && needsFive)
      return (
        <button key={to} {...common} disabled={busy} aria-expanded={form === 'five'} onClick={() => setForm(form === 'five' ? null : 'five')}>
          {t('hazard.verb.rectifying')}
        </button>
      );
    return (
      <button key={to} {...common} disabled={busy || (verb === 'sendBack' && !note.trim())} onClick={() => act({ status: to, note: note.trim() })}>
        {t(`hazard.verb.${verb}`)}
      </button>
    );
  };

  const fiveFields = (required: boolean) => (
    <fieldset className="five-elements" data-testid="five-elements-form">
      <legend>{t('hazard.five.title')}</legend>
      {(['responsibility', 'measures', 'funds', 'contingencyPlan'] as const).map((key) => (
        <label key={key}>
          {t(`hazard.five.${key}`)}
          <input
            name={`five-${key}`}
            value={five[key]}
            onChange={(e) => setFive({ ...five, [key]: e.target.value })}
            maxLength={key === 'funds' ? 200 : 2000}
            required={required}
          />
        </label>
      ))}
      <label>
        {t('hazard.five.deadline')}
        <input type="date" name="five-deadline" value={five.deadline} onChange={(e) => setFive({ ...five, deadline: e.target.value })} required={required} />
      </label>
    </fieldset>
  );

  return (
    <div className="hazard-actions" data-testid="hazard-actions">
      <input
        className="step-note"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={next.includes('dismissed') || hazard.status === 'reinspection' ? t('hazard.noteOrReason') : t('actions.note')}
        maxLength={2000}
        data-testid="hazard-note"
      />
      <div className="step-buttons">{next.map(button)}</div>
      {form === 'notice' && (
        <form
          className="step-form"
          data-testid="notice-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act({
              status: 'notice',
              note: note.trim(),
              notice: { ...notice, deadline: endOfBeijingDay(notice.deadline) },
              ...(hazard.grade === 'major' && five.responsibility ? { fiveElements: fiveElements() } : {}),
            });
          }}
        >
          <label>
            {t('hazard.notice.responsiblePerson')}
            <input
              name="responsiblePerson"
              value={notice.responsiblePerson}
              onChange={(e) => setNotice({ ...notice, responsiblePerson: e.target.value })}
              maxLength={60}
              required
            />
          </label>
          <label>
            {t('hazard.notice.measures')}
            <textarea
              name="measures"
              rows={3}
              value={notice.measures}
              onChange={(e) => setNotice({ ...notice, measures: e.target.value })}
              maxLength={2000}
              required
            />
          </label>
          <label>
            {t('hazard.notice.deadline')}
            <input
              type="date"
              name="deadline"
              value={notice.deadline}
              min={beijingDayFromNow(0)}
              onChange={(e) => setNotice({ ...notice, deadline: e.target.value })}
              required
            />
          </label>
          {hazard.grade === 'major' && (
            <>
              <p className="step-hint">{t('hazard.five.offered')}</p>
              {fiveFields(false)}
            </>
          )}
          <button type="submit" disabled={busy} className="primary">
            {t('hazard.verb.issueNotice')}
          </button>
        </form>
      )}
      {form === 'five' && (
        <form
          className="step-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act({ status: 'rectifying', note: note.trim(), fiveElements: fiveElements() });
          }}
        >
          <p className="step-hint">{t('hazard.five.required')}</p>
          {fiveFields(true)}
          <button type="submit" disabled={busy} className="primary">
            {t('hazard.verb.startWithFive')}
          </button>
        </form>
      )}
      {outcome.state === 'failed' && (
        <p className="sign-in-error" role="alert">
          {t('actions.failed', { reason: outcome.message })}
        </p>
      )}
    </div>
  );
}
