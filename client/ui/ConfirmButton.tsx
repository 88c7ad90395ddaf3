import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './confirm.css';

/**
 * A button for a step that cannot be taken back (办结, 误报, 销号, 不予受理): the first click asks, in words
 * naming the step, and only 确定 acts. Any other button acts at once; this one does not know where it is.
 */
export function ConfirmButton({
  label,
  onConfirm,
  disabled,
  ask,
  ...attributes
}: {
  label: ReactNode;
  /** The question, naming what will happen. */
  ask: string;
  onConfirm: () => void;
  disabled?: boolean;
  style?: React.CSSProperties;
  className?: string;
  'data-status'?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" disabled={disabled} onClick={() => setAsking(true)} {...attributes}>
        {label}
      </button>
    );
  return (
    <span className="confirm-step" role="alertdialog" aria-label={ask}>
      <span className="confirm-question">{ask}</span>
      <button
        type="button"
        className="confirm-yes"
        data-testid="confirm-yes"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t('confirm.yes')}
      </button>
      <button type="button" className="confirm-no" data-testid="confirm-no" onClick={() => setAsking(false)}>
        {t('confirm.no')}
      </button>
    </span>
  );
}
