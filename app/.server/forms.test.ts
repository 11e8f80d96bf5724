import { describe, expect, test } from "vitest";
import { readForm } from "./forms.ts";

const post = (body: BodyInit, contentType?: string) =>
  new Request("http://localhost:3000/", {
    method: "POST",
    body,
    headers: contentType ? { "Content-Type": contentType } : undefined,
  });

describe("readForm", () => {
  test("a textarea posted by a browser (CRLF line breaks) reads back with the \\n it was shown with", async () => {
    // What a browser sends when a description seeded as "Línea uno\nLínea dos" is saved unchanged.
    const form = await readForm(post(new URLSearchParams({ description: "Línea uno\r\nLínea dos\rtres" })));
    expect(form.get("description")).toBe("Línea uno\nLínea dos\ntres");
  });

  test("repeated fields and uploaded files pass through", async () => {
    const body = new FormData();
    body.append("regions", "LIM");
    body.append("regions", "CUS");
    body.append("logo", new File([new Uint8Array([1, 2, 3])], "logo.png", { type: "image/png" }));
    const form = await readForm(post(body));
    expect(form.getAll("regions")).toEqual(["LIM", "CUS"]);
    const logo = form.get("logo") as File;
    expect(logo.name).toBe("logo.png");
    expect(new Uint8Array(await logo.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  test("a body that is not a form is a 400", async () => {
    const thrown = await readForm(post("{}", "application/json")).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(400);
  });
});
