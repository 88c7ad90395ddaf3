/**
 * The writing side of bench/http.ts, in its own process: keep-alive HTTP/1.1 connections that POST patrol
 * fire reports with a session cookie, either as fast as the answers come (a closed loop, one request in flight
 * per connection) or on a steady schedule (open loop: a write due while every connection is busy waits in a
 * queue, and its latency counts from when it was due, so a server falling behind shows as latency instead of
 * silently slowing the schedule down). Driven over IPC by the parent.
 *
 * Why a hand-written client over `net` rather than autocannon or node:http: on this 2-core machine every CPU
 * cycle the load process burns is taken from the server it measures. Measured here (closed loop, 32
 * connections, this server, 2026-12), CPU per answered write in the load process: this client ≈ 90 µs,
 * autocannon 9 ≈ 175–240 µs (its pure-JS http-parser-js and per-request bookkeeping), node:http with a keep-alive
 * Agent ≈ 205–220 µs (a ClientRequest, an IncomingMessage and their streams per request). The server's answers
 * are always `Content-Length`-framed JSON (express's `res.json`), so all this client has to parse is a status
 * line and one header; an answer framed otherwise closes the connection and is counted as unanswered, with why.
 */
import net from 'node:net';
import { seededRandom } from '../tests/support/seeded-random.ts';

export interface Run {
  type: 'run';
  url: string;
  cookie: string;
  connections: number;
  seconds: number;
  /** Writes per second on a steady schedule; 0 for the closed loop at whatever rate the server answers. */
  rate: number;
  /** Seeds the reports' positions, so two runs send the same writes. */
  seed: number;
}

export interface Outcome {
  type: 'done';
  sent: number;
  /** 2xx answers: each one a write the server committed (a patrol report is never merged: one new alert each). */
  acked: number;
  /** Answers by status, non-2xx only. */
  refused: Record<string, number>;
  /** Requests that got no answer (the connection failed or closed under them). */
  failed: number;
  /** Request → answer, ms; in the paced mode from when the write was due. */
  latenciesMs: number[];
  /** From the first request sent to the last answer, ms. */
  elapsedMs: number;
  /** Paced mode: the longest the queue of due writes waiting for a free connection grew. */
  maxQueued: number;
  /** Paced mode: how long after the last write was due its answer came, ms. */
  tailMs: number;
  /** The first connection error, if any: why writes went unanswered. */
  firstError: string | null;
}

const PATH = '/api/fire-alerts';
const PACE_TICK_MS = 2;

/** One request, bytes ready to write: the header block is the same for all, only the body varies. */
function requests(url: string, cookie: string, seed: number): (i: number) => Buffer {
  const { host } = new URL(url);
  const random = seededRandom(seed);
  const head = `POST ${PATH} HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nAccept: application/json\r\n`;
  return (i) => {
    // within ≈ 1 km of a point in 濂溪区: every report lands in a district, as the server requires
    const body = JSON.stringify({
      lon: Number((115.97 + (random() - 0.5) * 0.02).toFixed(5)),
      lat: Number((29.55 + (random() - 0.5) * 0.02).toFixed(5)),
      source: 'patrol',
      description: `压测巡查报告 ${i}`,
    });
    return Buffer.from(`${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection with at most one request in flight (no pipelining). */
class Connection {
  private received: Buffer = Buffer.alloc(0);
  private startedAt = 0;
  busy = false;
  closed = false;

  private constructor(
    private readonly socket: net.Socket,
    private readonly answered: (connection: Connection, status: number, startedAt: number) => void,
    private readonly lost: (connection: Connection, inFlight: boolean, error: Error | null) => void,
  ) {
    let error: Error | null = null;
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', (e) => (error = e)); // 'close' follows and counts it
    socket.on('close', () => {
      this.closed = true;
      this.lost(this, this.busy, error);
    });
  }

  static open(url: URL, answered: Connection['answered'], lost: Connection['lost']): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new Connection(socket, answered, lost));
      });
    });
  }

  send(request: Buffer, startedAt: number): void {
    this.busy = true;
    this.startedAt = startedAt;
    this.socket.write(request);
  }

  close(): void {
    this.socket.end();
  }

  private receive(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    const headerEnd = this.received.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const head = this.received.toString('latin1', 0, headerEnd);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) {
      this.socket.destroy(new Error(`an answer without Content-Length, which this client does not read: ${head.split('\r\n')[0]}`));
      return;
    }
    const end = headerEnd + HEADER_END.length + Number(length[1]);
    if (this.received.length < end) return;
    this.received = this.received.subarray(end);
    this.busy = false;
    this.answered(this, Number(head.slice(9, 12)), this.startedAt);
  }
}

async function run({ url, cookie, connections, seconds, rate, seed }: Run): Promise<Outcome> {
  const target = new URL(url);
  const request = requests(url, cookie, seed);
  const latenciesMs: number[] = [];
  const refused: Record<string, number> = {};
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let answers = 0;
  let firstError: string | null = null;
  let lastAnswerAt = 0;
  let open = true; // false once no more writes are to be started
  let settle: () => void = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const pool = new Set<Connection>();
  const idle: Connection[] = []; // first in, first out: every connection stays warm, none idles into the server's keep-alive timeout
  const queue: number[] = []; // paced mode: when each waiting write was due
  let maxQueued = 0;
  let total = Infinity; // paced mode: how many writes the schedule holds

  const finishedAll = () => !open && queue.length === 0 && sent === answers + failed;
  const next = (connection: Connection) => {
    if (rate === 0) {
      if (open) connection.send(request(sent++), performance.now());
      else idle.push(connection);
    } else if (queue.length > 0) connection.send(request(sent++), queue.shift()!);
    else idle.push(connection);
    if (finishedAll()) settle();
  };
  const answered = (connection: Connection, status: number, startedAt: number) => {
    answers++;
    lastAnswerAt = performance.now();
    latenciesMs.push(lastAnswerAt - startedAt);
    if (status >= 200 && status < 300) acked++;
    else refused[status] = (refused[status] ?? 0) + 1;
    next(connection);
  };
  const lost = (connection: Connection, wasInFlight: boolean, error: Error | null) => {
    pool.delete(connection);
    const at = idle.indexOf(connection);
    if (at >= 0) idle.splice(at, 1);
    if (wasInFlight) failed++;
    if (error) firstError ??= error.message;
    // the server closed a connection (an error answer, a restart): replace it while there is work left
    if (open || queue.length > 0)
      connect().then(next, (e: Error) => {
        firstError ??= e.message;
        if (pool.size === 0) {
          // nothing left to send on: give up on the rest rather than wait forever
          failed += queue.length;
          queue.length = 0;
          open = false;
          settle();
        }
      });
    else if (finishedAll()) settle();
  };
  const connect = async () => {
    const connection = await Connection.open(target, answered, lost);
    pool.add(connection);
    return connection;
  };

  const opened = await Promise.all(Array.from({ length: connections }, connect));
  const startedAt = performance.now();
  if (rate === 0) {
    opened.forEach(next);
    setTimeout(() => {
      open = false;
      if (finishedAll()) settle();
    }, seconds * 1000);
  } else {
    idle.push(...opened);
    total = Math.round(rate * seconds);
    let due = 0;
    while (due < total && open) {
      const dueNow = Math.min(total, Math.floor(((performance.now() - startedAt) / 1000) * rate));
      for (; due < dueNow; due++) {
        const dueAt = startedAt + (due / rate) * 1000;
        const connection = idle.shift();
        if (connection) connection.send(request(sent++), dueAt);
        else queue.push(dueAt);
      }
      maxQueued = Math.max(maxQueued, queue.length);
      await new Promise((r) => setTimeout(r, PACE_TICK_MS));
    }
    open = false;
    if (finishedAll()) settle();
  }
  await settled;
  pool.forEach((c) => c.close());
  const lastDueAt = startedAt + ((total - 1) / rate) * 1000;
  return {
    type: 'done',
    sent,
    acked,
    refused,
    failed,
    latenciesMs,
    elapsedMs: lastAnswerAt - startedAt,
    maxQueued,
    tailMs: rate === 0 ? 0 : Math.max(0, lastAnswerAt - lastDueAt),
    firstError,
  };
}

process.on('message', (msg: Run | { type: 'exit' }) => {
  if (msg.type === 'exit') process.exit(0);
  run(msg).then(
    (outcome) => process.send!(outcome),
    (error: unknown) => process.send!({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
