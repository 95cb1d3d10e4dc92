import { defineConfig } from 'vite';

// The display app: index.html + src/widgets. `npm start` builds it into dist/client and the
// server serves it; `npm run dev` serves it with hot reload, proxying the API to a running server.
export default defineConfig({
  publicDir: 'public',
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
