// The writes the soak clients send: the same forms a person's browser posts (field names, the
// hidden one-time token, the same-origin header), and how each answer is read as acknowledged.
// No app module with database access is imported, so client processes stay light.
import crypto from "node:crypto";
import { HttpClient } from "../../tests/http/client.ts";
import { FORM_TOKEN_FIELD } from "../../app/components/form-token.tsx";

/** Where a client sends its requests; `origin` may change (a restarted server on another port). */
export type Target = { origin: string };

/** A write a client sends; `userId` picks the session it is sent with. */
export type WriteOp =
  | { kind: "registration"; userId: number; eventId: number; eventSlug: string }
  | { kind: "reply"; userId: number; threadId: number; marker: string }
  | { kind: "partnerRequest"; userId: number; initiativeId: number; initiativeSlug: string; organisationId: number }
  | { kind: "exchangeConfirmation"; userId: number; exchangeId: number }
  | { kind: "listing"; userId: number; organisationId: number; marker: string };

export type WriteKind = WriteOp["kind"];
/** A page a client reads (signed in when `userId` is set): the reads beside the writes of a mixed load. */
export type ReadOp = { kind: "read"; userId: number | null; path: string };
export type SoakOp = WriteOp | ReadOp;
export const WRITE_KINDS: readonly WriteKind[] = ["registration", "reply", "partnerRequest", "exchangeConfirmation", "listing"];

/**
 * What the client saw: the status (0 when no answer came: a refused or reset connection),
 * whether it counts as acknowledged (a 2xx/3xx answer received that is not a redirect to the
 * log-in page, which refuses the write), the redirect target and the
 * flash message key (e.g. "ev.register.confirmed"), and the time from sending to the end of the
 * body (ms).
 */
export type WriteOutcome<Op extends SoakOp = WriteOp> = {
  op: Op;
  status: number;
  acknowledged: boolean;
  location: string | null;
  flash: string | null;
  ms: number;
  /** Epoch ms when the request was sent and when its answer ended (or failed). */
  sentAt: number;
  endedAt: number;
  /** Why no answer came (a reset or refused connection), or the start of a 5xx answer's body. */
  error?: string;
};

/** A one-time form token as a page's loader issues it (128 random bits, base64url). */
export function formToken() {
  return crypto.randomBytes(16).toString("base64url");
}

/** A Lima calendar day `days` from now, as the date fields send it (YYYY-MM-DD). */
export function limaDayFromNow(days: number) {
  return new Date(Date.now() + days * 86_400_000 - 5 * 3_600_000).toISOString().slice(0, 10);
}

/** The path and form fields of a write, as the page's form submits them. */
export function formOf(op: WriteOp): { path: string; form: Record<string, string> } {
  const token = { [FORM_TOKEN_FIELD]: formToken() };
  switch (op.kind) {
    case "registration":
      return { path: `/events/${op.eventSlug}`, form: { ...token, intent: "register" } };
    case "reply":
      return { path: `/discussions/threads/${op.threadId}`, form: { ...token, intent: "reply", body: `Respuesta de prueba de carga ${op.marker}` } };
    case "partnerRequest":
      return {
        path: `/initiatives/${op.initiativeSlug}`,
        form: { ...token, intent: "join", organisationId: String(op.organisationId), role: "technical", message: "Podemos aportar asistencia técnica." },
      };
    case "exchangeConfirmation":
      return { path: `/exchange/exchanges/${op.exchangeId}`, form: { decision: "confirm" } };
    case "listing":
      return {
        path: "/exchange/new",
        form: {
          ...token,
          intent: "publish",
          organisationId: String(op.organisationId),
          kind: "have",
          title: `Cascarilla de arroz ${op.marker}`,
          category: "agro_residues",
          description: "Cascarilla seca de molino, en sacos.",
          quantity: "5",
          unit: "t",
          frequency: "monthly",
          region: "LAM",
          province: "Chiclayo",
          availableFrom: limaDayFromNow(0),
          availableUntil: limaDayFromNow(60),
          priceMode: "to_agree",
        },
      };
  }
}

/** Whether an answer acknowledges a write: 2xx, or a 3xx anywhere but the log-in page ("sign in first" writes nothing). */
export function isAcknowledgement(status: number, location: string | null) {
  if (status >= 200 && status < 300) return true;
  return status >= 300 && status < 400 && !/^\/login(\?|$)/.test(location ?? "");
}

/** The flash message key a redirect set, e.g. "ev.register.confirmed"; null when none. */
export function flashKey(headers: Headers): string | null {
  for (const line of headers.getSetCookie()) {
    const match = /^flash=([^;]+)/.exec(line);
    if (!match) continue;
    try {
      return (JSON.parse(decodeURIComponent(match[1]!)) as { key?: string }).key ?? null;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Sends one request — a write's form, or a read — with the session `token` (none: anonymous) and
 * reports what came back, the body read to its end; never throws.
 */
export async function sendOp<Op extends SoakOp>(target: Target, token: string | null, op: Op): Promise<WriteOutcome<Op>> {
  const client = token ? HttpClient.withSession(target, token) : new HttpClient(target);
  const sentAt = Date.now();
  try {
    let answer;
    if (op.kind === "read") answer = await client.get(op.path);
    else {
      const { path, form } = formOf(op);
      answer = await client.post(path, form);
    }
    const endedAt = Date.now();
    return {
      op,
      status: answer.status,
      acknowledged: isAcknowledgement(answer.status, answer.headers.get("location")),
      location: answer.headers.get("location"),
      flash: flashKey(answer.headers),
      ms: endedAt - sentAt,
      sentAt,
      endedAt,
      ...(answer.status >= 500 ? { error: answer.body.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim().slice(0, 300) } : {}),
    };
  } catch (error) {
    const endedAt = Date.now();
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return { op, status: 0, acknowledged: false, location: null, flash: null, ms: endedAt - sentAt, sentAt, endedAt, error: `${String(error)}${cause}` };
  }
}

export type LaneOptions = {
  /** Checked before each request: true stops the lanes (requests in flight still finish). */
  stop?: () => boolean;
  /** Awaited before each request, e.g. while a killed server restarts. */
  gate?: () => Promise<void>;
};

/**
 * Sends `ops` in order with `concurrency` requests in flight at a time, each with its user's
 * session from `tokens` (anonymous for a read without a user), until all are sent or `stop()`
 * says so. Resolves with the outcome of every op sent, in the order the ops were listed.
 */
export async function sendAll<Op extends SoakOp>(
  target: Target,
  tokens: ReadonlyMap<number, string> | Record<number, string>,
  ops: readonly Op[],
  concurrency: number,
  { stop = () => false, gate }: LaneOptions = {},
): Promise<WriteOutcome<Op>[]> {
  const tokenOf = (userId: number | null) => {
    if (userId === null) return null;
    const token = tokens instanceof Map ? tokens.get(userId) : (tokens as Record<number, string>)[userId];
    if (!token) throw new Error(`no session for user ${userId}`);
    return token;
  };
  const outcomes: WriteOutcome<Op>[] = new Array(ops.length);
  let next = 0;
  const lane = async () => {
    for (;;) {
      if (gate) await gate();
      if (next >= ops.length || stop()) return;
      const i = next++;
      const op = ops[i]!;
      outcomes[i] = await sendOp(target, tokenOf(op.userId), op);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return outcomes.slice(0, next);
}
