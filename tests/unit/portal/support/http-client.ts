// A tiny browser for HTTP-level portal tests: one cookie jar, same-origin requests (Origin and
// Sec-Fetch-Site as a browser sends them), no redirects followed.
export interface HttpClient {
  get(path: string): Promise<Response>;
  post(path: string, fields?: Record<string, string>): Promise<Response>;
  postJson(path: string, body: object): Promise<Response>;
  cookie(): string;
  setCookie(value: string): void;
}

export function httpClient(origin: string, extraHeaders: Record<string, string> = {}): HttpClient {
  // name → value; a Set-Cookie with an empty value (or Max-Age=0) removes the cookie.
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const request = async (
    method: string,
    path: string,
    body?: Record<string, string> | object,
    json = false,
  ) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      redirect: "manual",
      headers: {
        ...extraHeaders,
        origin,
        "sec-fetch-site": "same-origin",
        cookie: cookieHeader(),
        ...(json ? { "content-type": "application/json" } : {}),
      },
      body:
        body === undefined
          ? undefined
          : json
            ? JSON.stringify(body)
            : new URLSearchParams(body as Record<string, string>),
    });
    for (const set of response.headers.getSetCookie()) {
      const pair = set.split(";")[0]!;
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === "" || /;\s*max-age=0/i.test(set)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return {
    get: (path) => request("GET", path),
    post: (path, fields = {}) => request("POST", path, fields),
    postJson: (path, body) => request("POST", path, body, true),
    cookie: cookieHeader,
    setCookie: (value) => {
      jar.clear();
      for (const pair of value.split("; ").filter(Boolean)) {
        const at = pair.indexOf("=");
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
    },
  };
}
