import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * preview.html: the built index.html for the studio's preview frame (the hub
 * serves it at /preview/), without the preload of the core's /api/state —
 * there the studio sends the state, and the hub has no /api/state.
 */
function previewPage(): Plugin {
  return {
    name: 'pano-preview-page',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const index = bundle['index.html'];
      if (index?.type !== 'asset') return;
      const html = String(index.source);
      const preview = html.replace(/\n\s*<!--[^\n]*-->\n\s*<link rel="preload" href="\/api\/state"[^>]*>/, '');
      if (preview === html) this.error('renderer/index.html: the /api/state preload (and its comment) to leave out of preview.html was not found');
      this.emitFile({ type: 'asset', fileName: 'preview.html', source: preview });
    },
  };
}

// The screen's bundle: served by the core's local API at `/`, so asset URLs are relative.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), previewPage()],
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
