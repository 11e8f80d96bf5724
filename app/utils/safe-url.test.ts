import { expect, test } from "vitest";
import { httpHref } from "./safe-url.ts";

test("only absolute http(s) addresses become links", () => {
  for (const url of ["https://ok.example/a?b=1", "http://ok.example", "HTTPS://OK.EXAMPLE/\"><img src=x>"]) expect(httpHref(url)).toBe(url);
  for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "vbscript:x", "data:text/html,<script>x</script>", "//evil.example/x", "/local", "https:// x", "", null, undefined]) {
    expect(httpHref(url)).toBeUndefined();
  }
});
