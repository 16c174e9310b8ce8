// Build configuration for the Electron main process, the preload bridge and the Solid renderer.
// Outputs: out/main/index.js (ESM), out/preload/index.cjs (CommonJS, required by sandboxed preloads), out/renderer.

import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import solid from 'vite-plugin-solid';

const root = import.meta.dirname;

/**
 * The page's CSP forbids inline styles and websockets; the Vite dev server needs both
 * (style injection and hot reload), so `electron-vite dev` relaxes it. Builds keep it strict.
 */
function devCspPlugin(): Plugin {
  return {
    name: 'eml:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/, (_m, open: string, csp: string, close: string) => {
        const relaxed = csp
          .replace(/style-src ([^;]*)/, "style-src $1 'unsafe-inline'")
          .replace(/connect-src ([^;]*)/, 'connect-src $1 ws: http://localhost:* http://127.0.0.1:*');
        return open + relaxed + close;
      });
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      lib: { entry: resolve(root, 'src/main/index.ts') },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      lib: { entry: resolve(root, 'src/preload/index.ts') },
      rolldownOptions: {
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [solid(), devCspPlugin()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: resolve(root, 'src/renderer/index.html'),
      },
    },
  },
});
