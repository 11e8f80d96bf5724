import type { BuiltServer } from "./server.ts";

/** What a request answered, with the body read as text. */
export type HttpAnswer = { status: number; headers: Headers; body: string };

export type RequestOptions = {
  method?: string;
  /** A form (sent as application/x-www-form-urlencoded unless it holds a Blob: then multipart). */
  form?: Record<string, string | string[]> | URLSearchParams | FormData;
  /** A raw body with its own Content-Type header in `headers`. */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Leave out the Origin header a browser sends with every POST (default: sent, same origin). */
  noOrigin?: boolean;
};

/**
 * A browser-like client for one person: keeps the cookies the server sets, sends the
 * server's own Origin with writes (as browsers do), never follows redirects (the tests look at
 * them). Production cookies are `__Host-`/`Secure`; over plain HTTP a browser would drop them,
 * but this client keeps them, as a browser does over HTTPS.
 */
export class HttpClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly server: Pick<BuiltServer, "origin">) {}

  /** A client already signed in with a session token (e.g. from `createSession`). */
  static withSession(server: Pick<BuiltServer, "origin">, token: string) {
    const client = new HttpClient(server);
    client.cookies.set("__Host-session", token);
    return client;
  }

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async request(path: string, options: RequestOptions = {}): Promise<HttpAnswer> {
    const method = options.method ?? (options.form || options.body !== undefined ? "POST" : "GET");
    const headers: Record<string, string> = { "Accept-Language": "es-PE,es;q=0.9", ...options.headers };
    if (this.cookies.size > 0 && !("Cookie" in headers)) headers.Cookie = this.cookieHeader();
    if (method !== "GET" && method !== "HEAD" && !options.noOrigin && !("Origin" in headers)) headers.Origin = this.server.origin;
    let body: BodyInit | undefined;
    if (options.form instanceof FormData || options.form instanceof URLSearchParams) body = options.form;
    else if (options.form) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(options.form)) {
        for (const one of Array.isArray(value) ? value : [value]) params.append(name, one);
      }
      body = params;
    } else if (options.body !== undefined) body = options.body as BodyInit;
    const response = await fetch(this.server.origin + path, { method, headers, body, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request(path, { headers });
  }

  post(path: string, form: RequestOptions["form"], headers?: Record<string, string>) {
    return this.request(path, { form, headers });
  }

  /** Signs in through the log-in form, as a person does; throws unless it redirects. */
  async login(email: string, password: string) {
    const answer = await this.post("/login", { email, password });
    if (answer.status !== 302 || !this.cookies.has("__Host-session")) {
      throw new Error(`log-in as ${email} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    }
    return answer;
  }
}
