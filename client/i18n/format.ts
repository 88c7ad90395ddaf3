/** Times and numbers for the screen: always Asia/Shanghai, in the screen's language. */
const TIME_ZONE = 'Asia/Shanghai';
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = language + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(language, { timeZone: TIME_ZONE, hour12: false, ...options })));
  return f;
}

export function formatTime(iso: string | number | Date, language: string): string {
  return formatter(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(iso));
}

export function formatDateTime(iso: string | number | Date, language: string): string {
  return formatter(language, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A day and time with its year: for what ends months from now. */
export function formatDateTimeWithYear(iso: string | number | Date, language: string): string {
  return formatter(language, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function formatClock(at: Date, language: string): string {
  return formatter(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(at);
}

export function formatNumber(n: number, language: string): string {
  return new Intl.NumberFormat(language).format(n);
}
