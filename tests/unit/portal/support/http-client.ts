// A tiny browser for HTTP-level portal tests: one cookie jar, same-origin requests (Origin and
// Sec-Fetch-Site as a browser sends them), no redirects followed.
export interface HttpClient {
  get(path: string): Promise<Response>;
  post(path: string, fields?: Record<string, string>): Promise<Response>;
  postJson(path: string, body: object): Promise<Response>;
  cookie(): string;
  setCookie(value: string): void;
}

export function httpClient(origin: string): HttpClient {
  let cookie = "";
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
        origin,
        "sec-fetch-site": "same-origin",
        cookie,
        ...(json ? { "content-type": "application/json" } : {}),
      },
      body:
        body === undefined
          ? undefined
          : json
            ? JSON.stringify(body)
            : new URLSearchParams(body as Record<string, string>),
    });
    const set = response.headers.get("set-cookie");
    if (set) {
      const pair = set.split(";")[0]!;
      cookie = pair.endsWith("=") ? "" : pair;
    }
    return response;
  };
  return {
    get: (path) => request("GET", path),
    post: (path, fields = {}) => request("POST", path, fields),
    postJson: (path, body) => request("POST", path, body, true),
    cookie: () => cookie,
    setCookie: (value) => {
      cookie = value;
    },
  };
}
