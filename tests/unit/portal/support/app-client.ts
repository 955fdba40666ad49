// A tiny browser for flow tests through Hono's app.request() (no server, no socket): one cookie jar,
// same-origin requests (Origin and Sec-Fetch-Site as a browser sends them), no redirects followed.
import type { Hono } from "hono";
import type { AppEnv } from "../../../../portal/app-env";

export interface AppClient {
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, fields?: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  postJson(path: string, body: object): Promise<Response>;
  /** The Cookie header this client sends. */
  cookie(): string;
  /** Sets (or with an empty value removes) one cookie of the jar. */
  setCookie(name: string, value: string): void;
}

export function appClient(app: Hono<AppEnv>, origin: string): AppClient {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const request = async (
    method: string,
    path: string,
    body?: Record<string, string> | object,
    json = false,
    extra: Record<string, string> = {},
  ) => {
    const response = await app.request(`${origin}${path}`, {
      method,
      redirect: "manual",
      headers: {
        ...(method === "GET" ? {} : { origin, "sec-fetch-site": "same-origin" }),
        ...(jar.size > 0 ? { cookie: cookie() } : {}),
        ...(body === undefined
          ? {}
          : { "content-type": json ? "application/json" : "application/x-www-form-urlencoded" }),
        ...extra,
      },
      body:
        body === undefined
          ? undefined
          : json
            ? JSON.stringify(body)
            : new URLSearchParams(body as Record<string, string>).toString(),
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";")[0] ?? "";
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === "" || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return {
    get: (path, headers) => request("GET", path, undefined, false, headers),
    post: (path, fields = {}, headers) => request("POST", path, fields, false, headers),
    postJson: (path, body) => request("POST", path, body, true),
    cookie,
    setCookie: (name, value) => {
      if (value === "") jar.delete(name);
      else jar.set(name, value);
    },
  };
}
