import { useTranslation } from 'react-i18next';
import { enableSound, setSoundOn, useSound } from '../fire-alerts/alarm-sound.ts';

/**
 * 点击启用声音提示: browsers play nothing before a click on the page, so the desk asks for that click once.
 * The answer is remembered; afterwards new fire alerts sound by themselves (the feed's switch mutes them).
 */
export function SoundPrompt() {
  const { t } = useTranslation();
  const sound = useSound();
  if (sound.preference !== null) return null;
  return (
    <div className="sound-prompt" role="dialog" aria-label={t('notify.soundPrompt')} data-testid="sound-prompt">
      <button className="sound-prompt-enable" data-testid="enable-sound" onClick={enableSound}>
        {t('notify.soundPrompt')}
      </button>
      <span>{t('notify.soundPromptHint')}</span>
      <button className="sound-prompt-later" onClick={() => setSoundOn(false)}>
        {t('notify.soundLater')}
      </button>
    </div>
  );
}
