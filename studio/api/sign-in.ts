import { send } from './transport.ts';

/**
 * The two calls the login page makes before the app's schemas are loaded (it
 * carries no zod and no API contract). Their answers are parsed with the
 * route table's `Me` schema by the signed-in chunk before they are used
 * (app/SignedIn.tsx: readMe). sign-in.test.ts keeps these in step with the
 * route table.
 */
export const SIGN_IN_ROUTES = {
  me: { method: 'GET', path: '/api/me' },
  login: { method: 'POST', path: '/api/login' },
} as const;

export const fetchMe = (): Promise<unknown> => send(SIGN_IN_ROUTES.me.method, SIGN_IN_ROUTES.me.path);

export const postLogin = (username: string, password: string): Promise<unknown> => send(SIGN_IN_ROUTES.login.method, SIGN_IN_ROUTES.login.path, { username, password });
