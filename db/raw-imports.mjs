// Node module hooks for scripts run with tsx (the seed) that load app modules written for Vite:
// `import text from "./file.txt?raw"` gives the file's text, as Vite does. Registered with
// `register("./raw-imports.mjs", import.meta.url)` before those modules are imported.
import { readFile } from "node:fs/promises";
import { URL } from "node:url";

export async function load(url, context, nextLoad) {
  const parsed = new URL(url);
  if (parsed.protocol !== "file:" || parsed.search !== "?raw") return nextLoad(url, context);
  parsed.search = "";
  const text = await readFile(parsed, "utf8");
  return { format: "module", shortCircuit: true, source: `export default ${JSON.stringify(text)};` };
}
