import { z } from "zod";

/**
 * Makes zod's own messages dictionary keys, so a value no form would send (a crafted "abc" in a
 * number field, an object where text is expected) reads "Este valor no es válido." in the page's
 * language instead of zod's English "Expected number, received nan". Messages a schema sets itself
 * still win. Called once by each entry (browser and server) and by the test setup.
 */
export function installZodMessages() {
  z.setErrorMap((issue) => {
    if (issue.code === "invalid_type" && (issue.received === "undefined" || issue.received === "null")) {
      return { message: "errors.required" };
    }
    return { message: "errors.invalid" };
  });
}
