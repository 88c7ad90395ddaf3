import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'onemap.language';

function savedLanguage(): Language {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: savedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes
});
// the page says which language it is in from the start (screen readers, :lang() rules), not only after a switch
if (typeof document !== 'undefined') document.documentElement.lang = i18next.language;

export function switchLanguage(): void {
  const next: Language = i18next.language === 'en' ? 'zh-CN' : 'en';
  localStorage.setItem(STORAGE_KEY, next);
  void i18next.changeLanguage(next);
  document.documentElement.lang = next;
}

export { i18next };
