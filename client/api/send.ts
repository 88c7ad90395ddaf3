import { noAnswer, type Refusal, refusalOf } from './refusal.ts';

// JSON writes go through `api` (./write.ts), typed from shared/api.ts; files go here, in their own media types.

/** A file sent as it is (CSV, Excel, XML) and the server's JSON answer, or its refusal. */
export type Uploaded<T> = { ok: true; body: T } | ({ ok: false } & Refusal);

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The media type the import endpoints expect for a file, by its name. */
export const fileType = (name: string) => (/\.xlsx$/i.test(name) ? XLSX_TYPE : /\.xml$/i.test(name) ? 'application/xml' : 'text/csv');

export async function upload<T>(path: string, file: Blob, type: string): Promise<Uploaded<T>> {
  try {
    const response = await fetch(path, { method: 'POST', headers: { 'content-type': type }, body: file });
    const answer = (await response.json().catch(() => null)) as T | null;
    if (response.ok && answer) return { ok: true, body: answer };
    return { ok: false, ...refusalOf(response.status, answer) };
  } catch {
    return { ok: false, ...noAnswer() };
  }
}
