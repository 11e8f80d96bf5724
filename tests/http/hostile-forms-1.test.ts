import { formsSuite } from "./hostile/forms-suite.ts";

// Hostile input, the forms, half 1 of 2 (issue 14): see tests/http/hostile/forms-suite.ts.
formsSuite(1, "tests/http/hostile-forms-1.test.ts");
