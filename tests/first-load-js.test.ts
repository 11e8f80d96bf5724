import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { dynamicImports, firstLoadJs, staticImports } from "../scripts/first-load-js.ts";

describe("imports of a built chunk", () => {
  test("static imports and re-exports, never dynamic ones", () => {
    const source = `import{a as b}from"./x-1.js";import"./y-2.js";export*from"./z-3.js";const e=()=>import("./en-4.js");`;
    expect(staticImports(source)).toEqual(["./x-1.js", "./y-2.js", "./z-3.js"]);
    expect(dynamicImports(source)).toEqual(["./en-4.js"]);
  });
});

describe("first-load JavaScript of a route", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "first-load-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, string> = {
    "entry.client-a.js": `import{r}from"./vendor-b.js";r(()=>import("./en-c.js"),()=>import("./es-d.js"));`,
    "vendor-b.js": `import"./shared-e.js";export const r=1;`,
    "shared-e.js": "export const s=1;",
    "en-c.js": `export const en={"nav.skip":"Skip"};`,
    "es-d.js": `export const es={"nav.skip":"Saltar al contenido principal"};`,
    "root-f.js": `import{r}from"./vendor-b.js";`,
    "page-g.js": `import{s}from"./shared-e.js";`,
    "other-h.js": "export const o=1;",
  };
  fs.mkdirSync(path.join(dir, "assets"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, "assets", name), text);
  const manifest = {
    entry: { module: "/assets/entry.client-a.js", imports: ["/assets/vendor-b.js"] },
    routes: {
      root: { id: "root", module: "/assets/root-f.js", imports: ["/assets/vendor-b.js"] },
      "routes/page": { id: "routes/page", parentId: "root", module: "/assets/page-g.js", imports: [] },
      "routes/other": { id: "routes/other", parentId: "root", module: "/assets/other-h.js", imports: [] },
    },
  };
  fs.writeFileSync(path.join(dir, "assets", "manifest-1.js"), `window.__remixManifest=${JSON.stringify(manifest)};`);
  const gz = (name: string) => gzipSync(fs.readFileSync(path.join(dir, "assets", name))).length;

  test("entry, root and route chain with their static imports, once each, plus the reader's dictionary", () => {
    const [page] = firstLoadJs(dir, ["routes/page"]);
    const shared = ["entry.client-a.js", "vendor-b.js", "shared-e.js", "root-f.js", "page-g.js"];
    const sharedBytes = shared.reduce((sum, name) => sum + gz(name), 0);
    expect(page!.dictionaryFiles).toEqual({ en: "assets/en-c.js", es: "assets/es-d.js" });
    expect(page!.byLocale).toEqual({ en: sharedBytes + gz("en-c.js"), es: sharedBytes + gz("es-d.js") });
    // The heavier language is the figure; another route's module is never counted.
    expect(page!.gzipBytes).toBe(sharedBytes + gz("es-d.js"));
    expect(page!.files).toEqual([...shared.map((name) => `assets/${name}`), "assets/es-d.js"]);
  });
});
