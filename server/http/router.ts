import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Promise<void> | void;

interface Route {
  method: string;
  path: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

/** Paths like `/api/devices/:id/plays`; a `:name` matches one segment, URL-decoded. */
export class Router {
  readonly #routes: Route[] = [];

  on(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.#routes.push({ method, path, regex: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  /** Every route, for the security test that calls each one without credentials. */
  list(): { method: string; path: string }[] {
    return this.#routes.map(({ method, path }) => ({ method, path }));
  }

  /** The handler for this request, or 'method' when the path exists for another method. */
  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | 'method' | undefined {
    let other = false;
    for (const route of this.#routes) {
      const m = route.regex.exec(pathname);
      if (!m) continue;
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) {
        other = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(m[i + 1]!);
        } catch {
          params[name] = '';
        }
      });
      return { handler: route.handler, params };
    }
    return other ? 'method' : undefined;
  }
}
