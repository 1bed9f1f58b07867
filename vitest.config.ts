import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{playlists,core,electron,renderer,studio,server,cli,build}/**/*.test.{ts,tsx}', 'test/unit/**/*.test.ts'],
    // Unit tests beside code; end-to-end tests under test/e2e run with Playwright.
    exclude: ['node_modules/**', 'test/e2e/**', 'dist/**'],
    testTimeout: 20_000,
  },
});
