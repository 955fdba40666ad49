// A tiny browser for HTTP-level portal tests: a cookie jar, same-origin requests (Origin and Sec-Fetch-Site
// as a browser sends them), no redirects followed. `send` is the app's own fetch (test-app.ts: Hono's
// app.request(), no server) or the global fetch against a running portal.
export interface HttpClient {
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, fields?: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  postJson(path: string, body: object): Promise<Response>;
  /** The Cookie header this client sends. */
  cookie(): string;
  /** Replaces the jar with the cookies of a Cookie header ("" empties it). */
  setCookie(header: string): void;
}

export type Send = (url: string, init: RequestInit) => Promise<Response>;

/** `defaultHeaders` go with every request (e.g. the X-Forwarded-For a proxy would add). */
export function httpClient(
  origin: string,
  send: Send = fetch,
  defaultHeaders: Record<string, string> = {},
): HttpClient {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const request = async (
    method: string,
    path: string,
    body?: Record<string, string> | object,
    json = false,
    extra: Record<string, string> = {},
  ) => {
    const response = await send(`${origin}${path}`, {
      method,
      redirect: "manual",
      headers: {
        ...defaultHeaders,
        origin,
        "sec-fetch-site": "same-origin",
        cookie: cookie(),
        ...(json ? { "content-type": "application/json" } : {}),
        ...extra,
      },
      body:
        body === undefined
          ? undefined
          : json
            ? JSON.stringify(body)
            : new URLSearchParams(body as Record<string, string>),
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";")[0] ?? "";
      const at = pair.indexOf("=");
      const value = pair.slice(at + 1);
      if (value === "" || /max-age=0/i.test(line)) jar.delete(pair.slice(0, at));
      else jar.set(pair.slice(0, at), value);
    }
    return response;
  };
  return {
    get: (path, headers) => request("GET", path, undefined, false, headers),
    post: (path, fields = {}, headers) => request("POST", path, fields, false, headers),
    postJson: (path, body) => request("POST", path, body, true),
    cookie,
    setCookie: (header) => {
      jar.clear();
      for (const pair of header.split(";")) {
        const at = pair.indexOf("=");
        if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      }
    },
  };
}
