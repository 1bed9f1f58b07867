import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The kiosk harness page (renderer/kiosk/dist/harness.html), built on its own so
// the kiosk's e2e tests do not depend on the app shell's build.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: 'harness.html' },
  },
});
