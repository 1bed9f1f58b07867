import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The operators' studio: served by the hub at `/`, every file but index.html under
// assets/ with a content hash in its name, so the hub can cache them for a year.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    assetsDir: 'assets',
    sourcemap: false,
    reportCompressedSize: false,
    // No inline scripts or data: fonts: the hub sends a strict CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
