import { describe, expect, test } from "vitest";
import { renderHtmlStream } from "./entry.server.tsx";

// React 18's Node renderer fills 2,048-byte views. Paragraphs of accented text and emoji with
// every padding length 0..40 put a 2-, 3- or 4-byte character across the end of a view again
// and again, which is where the unpatched Node build wrote zero bytes into the page (see
// entry.server.tsx and scripts/patches/react-dom+18.3.1.patch).
const PADDINGS = Array.from({ length: 41 }, (_, n) => n);
const TEXTS = PADDINGS.map((n) => `${"x".repeat(n)} Ñandú, café y acción — 森林協会 🌱🇵🇪 ${"é".repeat(n % 7)}`);

function Page() {
  return (
    <html lang="es">
      <body>
        {TEXTS.map((text, index) => (
          <section key={index}>
            {/* The same text as an element and as a form value, as on an edit page. */}
            <p title={text}>{text}</p>
            <textarea name={`t${index}`} defaultValue={text} />
          </section>
        ))}
      </body>
    </html>
  );
}

async function bytesOf(stream: ReadableStream<Uint8Array>) {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** How many times rendering `Page` filled a view with a character left over (the bug's path). */
async function viewsFilledMidCharacter() {
  const encodeInto = TextEncoder.prototype.encodeInto;
  let straddles = 0;
  TextEncoder.prototype.encodeInto = function (source: string, destination: Uint8Array) {
    const result = encodeInto.call(this, source, destination);
    if (result.read < source.length && destination.length - result.written < 4) straddles += 1;
    return result;
  };
  try {
    await bytesOf(await renderHtmlStream(<Page />, {}));
  } finally {
    TextEncoder.prototype.encodeInto = encodeInto;
  }
  return straddles;
}

function strictUtf8(bytes: Uint8Array) {
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

describe("the HTML renderer used by entry.server", () => {
  test("the crafted page does fill views up to a multi-byte character, the path where unpatched React wrote NUL bytes", async () => {
    // Guards the test below: if this input stopped reaching that path, it would prove nothing.
    expect(await viewsFilledMidCharacter()).toBeGreaterThan(0);
  });

  test("writes every multi-byte character whole: no NUL byte, valid UTF-8, the text unchanged", async () => {
    for (const waitForAll of [false, true]) {
      const bytes = await bytesOf(await renderHtmlStream(<Page />, { nonce: "n0nce", waitForAll }));
      expect(bytes.indexOf(0)).toBe(-1);
      const html = strictUtf8(bytes);
      expect(html).not.toContain("\uFFFD");
      for (const text of TEXTS) expect(html).toContain(`<p title="${text}">${text}</p>`);
      expect(html.split("🌱🇵🇪").length - 1).toBe(TEXTS.length * 3);
    }
  });

  test("sends what React writes in one pass as one chunk, so it is compressed as a whole", async () => {
    const reader = (await renderHtmlStream(<Page />, {})).getReader();
    const chunks: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    expect(chunks.length).toBe(1);
    expect(chunks[0]!.length).toBeGreaterThan(10_000); // React itself writes 512-byte views
  });

  test("streams Suspense content that resolves after the shell, with the nonce on its script", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let ready = false;
    void gate.then(() => (ready = true));
    function Late(): string {
      if (!ready) throw gate;
      return "después: ñandú 🌱";
    }
    const { Suspense } = await import("react");
    const stream = await renderHtmlStream(
      <div>
        <Suspense fallback={<span>cargando…</span>}>
          <Late />
        </Suspense>
      </div>,
      { nonce: "n0nce" },
    );
    // The shell is ready before the data: the promise resolved while the boundary was pending.
    release();
    const html = strictUtf8(await bytesOf(stream));
    expect(html).toContain("cargando…");
    expect(html).toContain("después: ñandú 🌱");
    expect(html).toMatch(/<script nonce="n0nce">/);
  });

  test("a signal that fires after the page was sent (as every request's does) reports no error", async () => {
    // React catches what its abort handler throws and hands it to onError, which the entry logs.
    const errors: unknown[] = [];
    const finished = new AbortController();
    const bytes = await bytesOf(
      await renderHtmlStream(<Page />, { signal: finished.signal, onError: (error) => errors.push(error) }),
    );
    expect(bytes.length).toBeGreaterThan(10_000);
    // The adapter aborts the request's signal when the response closes; the timeout fires later.
    finished.abort(new Error("response closed"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors).toEqual([]);
  });

  test("a client that goes away while data is pending stops the render", async () => {
    const gone = new AbortController();
    function Never(): string {
      throw new Promise(() => {});
    }
    const { Suspense } = await import("react");
    const errors: unknown[] = [];
    const stream = await renderHtmlStream(
      <Suspense fallback={<span>cargando…</span>}>
        <Never />
      </Suspense>,
      { signal: gone.signal, onError: (error) => errors.push(error) },
    );
    gone.abort(new Error("client went away"));
    const html = strictUtf8(await bytesOf(stream));
    expect(html).toContain("cargando…");
    expect(errors.length).toBe(1);
  });
});
