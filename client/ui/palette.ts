import type { FireAlertStatus } from '../../shared/fire-alerts.ts';
import type { RiskLevel } from '../../shared/risk-points.ts';
import type { CAP_SEVERITIES } from '../../shared/warnings.ts';

/** The four-colour risk scale, tuned to read on a dark screen. */
export const LEVEL_COLOR: Record<RiskLevel, string> = {
  red: '#ff4d4f',
  orange: '#ff8c1a',
  yellow: '#ffd23f',
  blue: '#3e9bff',
};

export const FIRE_STATUS_COLOR: Record<FireAlertStatus, string> = {
  new: '#ff2d2d',
  acknowledged: '#ff7a00',
  verifying: '#ffb000',
  confirmed: '#ff3b6b',
  responding: '#ff5e3a',
  false_alarm: '#8e8e93',
  extinguished: '#35c759',
  closed: '#6b6b70',
};

/** CAP severities in the colours of China's warning signals (红橙黄蓝). */
export const SEVERITY_COLOR: Record<(typeof CAP_SEVERITIES)[number], string> = {
  Extreme: '#ff2d2d',
  Severe: '#ff8c1a',
  Moderate: '#ffd23f',
  Minor: '#3e9bff',
  Unknown: '#8e8e93',
};
