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
