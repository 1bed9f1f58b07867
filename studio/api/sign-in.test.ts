import { describe, expect, it } from 'vitest';
import { API, Me } from '../../playlists/schemas/operator-api.ts';
import { SIGN_IN_ROUTES } from './sign-in.ts';

describe('the login page’s calls', () => {
  it('are the route table’s, and both answer a Me (which the signed-in chunk parses)', () => {
    for (const [name, route] of Object.entries(SIGN_IN_ROUTES) as [keyof typeof SIGN_IN_ROUTES, (typeof SIGN_IN_ROUTES)[keyof typeof SIGN_IN_ROUTES]][]) {
      expect({ method: API[name].method, path: API[name].path }).toEqual(route);
      expect(API[name].response).toBe(Me);
    }
  });
});
