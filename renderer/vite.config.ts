import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The screen's bundle: served by the core's local API at `/`, so asset URLs are relative.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    reportCompressedSize: false,
    // hls.js is its own lazily loaded chunk; fonts are large by nature.
    chunkSizeWarningLimit: 800,
  },
});
