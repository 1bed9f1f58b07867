// Bundles the Electron main process (electron/main.ts and the core it starts)
// into one ESM file: Electron runs JavaScript, not TypeScript.
import { builtinModules } from 'node:module';

export default {
  input: 'electron/main.ts',
  platform: 'node',
  // Provided at run time: Electron itself, and electron-updater from node_modules in the package.
  external: ['electron', 'electron-updater', ...builtinModules, /^node:/],
  output: { file: 'dist/electron/main.js', format: 'esm', sourcemap: true },
};
