/**
 * `npm run bench`: the HTTP benchmark of the main pages (scripts/bench-http.ts; options there).
 * `npm run bench -- --queries [orgs initiatives]` (or `npm run bench:queries`): the query-level
 * benchmark (scripts/bench-queries.ts).
 */
export {};

if (process.argv.includes("--queries")) await import("./bench-queries.ts");
else await import("./bench-http.ts");
