import { formsSuite } from "./hostile/forms-suite.ts";

// Hostile input, the forms, half 2 of 2 (issue 14): see tests/http/hostile/forms-suite.ts.
formsSuite(2, "tests/http/hostile-forms-2.test.ts");
