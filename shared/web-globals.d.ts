// shared/ runs in the extension (pages and service worker) and in the portal (Node), so its project has no
// platform types: only ECMAScript and the two web-platform globals below, which all of those runtimes provide.
declare function atob(data: string): string;

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
