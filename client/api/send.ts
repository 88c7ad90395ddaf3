/** What a write from the screen came to: done, or refused with the server's reason (status 0: no answer). */
export type Sent = { ok: true } | { ok: false; status: number; message: string };

/**
 * Sends a change to the API. The result itself comes back over the live feed like everyone else's, so the
 * caller only needs to know whether it was refused, and why.
 */
export async function send(method: 'POST' | 'PATCH', path: string, body?: unknown): Promise<Sent> {
  try {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) return { ok: true };
    const refusal = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    return { ok: false, status: response.status, message: refusal?.error?.message ?? `HTTP ${response.status}` };
  } catch {
    return { ok: false, status: 0, message: 'network' };
  }
}

/** A file sent as it is (CSV, Excel, XML) and the server's JSON answer, or its refusal. */
export type Uploaded<T> = { ok: true; body: T } | { ok: false; status: number; message: string; details: { field: string; reason: string }[] };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The media type the import endpoints expect for a file, by its name. */
export const fileType = (name: string) => (/\.xlsx$/i.test(name) ? XLSX_TYPE : /\.xml$/i.test(name) ? 'application/xml' : 'text/csv');

export async function upload<T>(path: string, file: Blob, type: string): Promise<Uploaded<T>> {
  try {
    const response = await fetch(path, { method: 'POST', headers: { 'content-type': type }, body: file });
    const answer = (await response.json().catch(() => null)) as (T & { error?: { message?: string; details?: unknown } }) | null;
    if (response.ok && answer) return { ok: true, body: answer };
    const details = Array.isArray(answer?.error?.details) ? (answer.error.details as { field: string; reason: string }[]) : [];
    return { ok: false, status: response.status, message: answer?.error?.message ?? `HTTP ${response.status}`, details };
  } catch {
    return { ok: false, status: 0, message: 'network', details: [] };
  }
}
