import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Fontsource lists a WOFF fallback after each WOFF2 subset; every browser we serve reads WOFF2 and never
 * fetches them, but Vite would still emit all of them (6 MB for Noto Sans SC's two weights).
 */
function woff2Only(): Plugin {
  return {
    name: 'onemap:woff2-only',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const [name, file] of Object.entries(bundle)) {
        if (name.endsWith('.woff')) delete bundle[name];
        else if (file.type === 'asset' && name.endsWith('.css') && typeof file.source === 'string')
          file.source = file.source.replace(/,\s*url\([^)]*\.woff\)\s*format\(["']?woff["']?\)/g, '');
      }
    },
  };
}

const root = import.meta.dirname;
const devServer = process.env.ONEMAP_DEV_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: `${root}/client`,
  publicDir: false,
  plugins: [woff2Only(), react()],
  build: { outDir: `${root}/dist/client`, emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: { '/api': devServer, '/socket.io': { target: devServer, ws: true } },
  },
  test: {
    projects: [
      {
        test: { name: 'unit', root, include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node', sequence: { groupOrder: 0 } },
      },
      {
        test: {
          name: 'integration',
          root,
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Files start real servers and databases; two at a time fit two cores.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          root,
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
