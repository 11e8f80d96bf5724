import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type UserConfig } from "vite";

type EsbuildPlugin = NonNullable<NonNullable<NonNullable<UserConfig["optimizeDeps"]>["esbuildOptions"]>["plugins"]>[number];

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * Vite's dependency scan reads route modules as written, loaders and `.server` imports included,
 * and would pre-bundle for the browser every package those server modules use. Remix strips
 * `.server` modules from the browser build, so the scan skips them too.
 */
const skipServerModulesInScan: EsbuildPlugin = {
  name: "skip-server-modules-in-scan",
  setup(build) {
    build.onResolve({ filter: /(^|\/)\.server(\/|$)|\.server\.[cm]?[jt]sx?$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * The package.json dependencies that no browser-side module imports: everything outside
 * `.server` folders and `.server` files of app/ is browser-side (entry.server and tests
 * excepted). These are never pre-bundled for the browser, so adding a server package never
 * costs a dev reload.
 */
export function serverOnlyPackages(root = path.dirname(fileURLToPath(import.meta.url))): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  const appDir = path.join(root, "app");
  const browserSource = fs
    .readdirSync(appDir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.[cm]?[jt]sx?$/.test(file))
    .filter((file) => !/(^|[\\/])\.server([\\/]|$)|\.server\.[cm]?[jt]sx?$|\.test\.[cm]?[jt]sx?$|^entry\.server\./.test(file))
    .map((file) => fs.readFileSync(path.join(appDir, file), "utf8"))
    .join("\n");
  const imported = new Set(
    [...browserSource.matchAll(/(?:from|import)\s*\(?\s*["']((?:@[^/"']+\/)?[^./"'#][^/"']*)/g)].map((match) => match[1]),
  );
  return Object.keys(manifest.dependencies ?? {}).filter((name) => !imported.has(name));
}

export default defineConfig({
  plugins: [
    tailwindcss(),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
        // Vite scans the routes for dependencies at start-up instead of finding them one page at
        // a time, which reloaded the browser ("new dependencies optimized") on each discovery.
        unstable_optimizeDeps: true,
      },
    }),
  ],
  optimizeDeps: {
    // Pre-bundling server packages for the browser fails (the browser entry of @node-rs/argon2
    // points at an uninstalled WebAssembly package) or comes late (Remix's route-export compiler
    // reads `.server` modules too), and every failed or late optimisation answers "504 Outdated
    // Optimize Dep" and reloads the page. Server-only packages are therefore never optimised for
    // the browser. tests/e2e/dev-server.spec.ts clicks through `npm run dev` to keep it so.
    exclude: serverOnlyPackages(),
    esbuildOptions: { plugins: [skipServerModulesInScan] },
  },
  // The dev-server test points this at a fresh folder to see what a first start sees.
  cacheDir: process.env.VITE_CACHE_DIR || "node_modules/.vite",
  server: { port: 3000 },
});
