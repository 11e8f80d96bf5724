import { describe, expect, test } from "vitest";
import { plainText, renderMarkdown } from "./markdown.ts";

describe("user markdown", () => {
  test("renders formatting and safe links", () => {
    const html = renderMarkdown("**Cooperativa** de [cacao](https://cacao.pe)");
    expect(html).toContain("<strong>Cooperativa</strong>");
    expect(html).toContain('<a href="https://cacao.pe" rel="nofollow noopener noreferrer">cacao</a>');
  });

  test("raw HTML is escaped, never rendered", () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror="alert(1)">');
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  test("images are shown as their description: the CSP would block any image from elsewhere", () => {
    const html = renderMarkdown('![Planta de **compost**](https://x.pe/p.jpg) ![<b>x</b>](/local.png "t")');
    expect(html).not.toContain("<img");
    expect(html).toContain("Planta de compost");
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
  });

  test("dangerous link schemes are not turned into links", () => {
    for (const href of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,hi", "vbscript:x"]) {
      expect(renderMarkdown(`[click](${href})`)).not.toContain("<a");
    }
  });
});

test("excerpts drop markdown syntax", () => {
  expect(plainText("Impulsa la **hoja de ruta**\n\n- [ver](https://x.pe) _ya_")).toBe("Impulsa la hoja de ruta ver ya");
  // List markers, numbering, headings and quotes are syntax too; literal symbols in text are not.
  expect(plainText("## Qué hacemos\n\n1. Acopio\n2. Secado\n\n> Desde 2019\n\n5 * 3 = 15, archivo_final.pdf")).toBe(
    "Qué hacemos Acopio Secado Desde 2019 5 * 3 = 15, archivo_final.pdf",
  );
  expect(plainText("![Planta](https://x.pe/p.jpg) de `compost`")).toBe("Planta de compost");
});
