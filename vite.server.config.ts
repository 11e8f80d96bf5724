import { defineConfig } from "vite";

// Compiles the HTTP server (server/index.ts and what it imports from app/.server and db/) to
// build/server.js, so production runs plain `node build/server.js`: no TypeScript loader, and node
// itself receives SIGTERM. Packages stay in node_modules (Vite's SSR build leaves them external).
export default defineConfig({
  publicDir: false,
  logLevel: "warn",
  build: {
    ssr: "server/index.ts",
    outDir: "build",
    emptyOutDir: false,
    target: "node20",
    sourcemap: true,
    rollupOptions: { output: { entryFileNames: "server.js", format: "es" } },
  },
});
