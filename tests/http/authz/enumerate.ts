import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { ActionKey } from "./types.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const ROUTES_DIR = path.join(ROOT, "app/routes");

/**
 * Every mutating action of the app, read from the route modules' source (app/routes/*), as
 * `{ route, intent }` keys sorted by route then intent (null first). The authorisation matrix must
 * hold rows for exactly these (tests/http/authz-completeness.test.ts), so a new action, or a new
 * intent of an old one, fails the suite until someone decides who may do it.
 *
 * The rules, applied to TypeScript syntax trees (the `typescript` compiler's parser), not to text:
 *
 * 1. A route is a file under app/routes whose module exports `action` (`export async function
 *    action`, `export const action = …`, `export { x as action }`). Its key's `route` is the file
 *    name without extension. API routes (api.v1.*) export the shared 405 answer as `action`; they
 *    take no intent, so they are keys with `intent: null` like any other action without one.
 * 2. Where intents are looked for: (a) the whole route module — the forms it renders post to its
 *    own action — except inside a `<Form>`/`<form>` whose `action` attribute is a literal path
 *    (`action="/logout"`: it posts elsewhere); and (b) every declaration the action reaches: the
 *    identifiers used in the action's body, resolved to local declarations or, through imports of
 *    the app's own modules (`#app/…`, `#db/…`, relative; re-exports in index.ts files followed), to
 *    declarations in other modules, transitively. So a schema, a helper that handles the form
 *    (e.g. organisations' handleCoordinationForm) or a constant list of intents imported from a
 *    feature counts, while a component the page merely renders (a discussion widget posting to its
 *    own route) does not. Locale dictionaries are not followed.
 * 3. What counts as an intent value — a string literal (or a constant resolving to one) in these
 *    places, where an "intent expression" is an identifier named `intent`, a property `.intent`,
 *    a call `.get("intent")`, a variable initialised from one of these, or any of them wrapped in
 *    `String(…)`, `?? …`, `as …`, parentheses or `!`:
 *    - JSX: the `value` of an element with `name="intent"` (`value="x"`, or each outcome of
 *      `value={cond ? "a" : "b"}`), and an `intent` attribute on any element (`intent="x"`, for
 *      components that render the intent button);
 *    - comparisons `intentExpr === "x"` (also `!==`, `==`, `!=`, either side);
 *    - `case "x":` in a `switch (intentExpr)`;
 *    - `[…].includes(intentExpr)`, `intentExpr in OBJ` and `OBJ[intentExpr]` (the array's strings,
 *      the object's keys; `OBJ` may be a constant declared elsewhere);
 *    - an object property named `intent` whose value is `"x"` (e.g. `submit({ intent: "seen" })`),
 *      `z.literal("x")` or `z.enum([...])`/`z.enum(CONST)` (with `.catch`/`.default`/… chained);
 *      members of `z.discriminatedUnion("intent", […])` are objects of this kind.
 * 4. When a route has no intent value, its only key is `intent: null`. When it has some, it gets
 *    `intent: null` too if a post without an intent falls through to something other than a
 *    refusal: the action compares the intent in `if`s (not through a zod schema, which decides by
 *    itself what a missing intent means) and the last statement of its body is not a refusal —
 *    `return f(4xx, …)`, `return data(…, { status: 4xx })`, `return new Response(…, { status: 4xx })`,
 *    `throw badRequest()`/`notFound()`/`forbidden()`/`conflict()`, or a `switch` whose `default`
 *    ends in one. And it gets `intent: null` when the action's own body reads a multipart upload
 *    (calls `isMultipart(…)`, `readImageUpload(…)` or `unstable_parseMultipartFormData(…)`): an
 *    upload is handled before, and without, any intent (a logo, a cover, a listing's photo).
 */
export function enumerateActions(routesDir = ROUTES_DIR): ActionKey[] {
  const keys: ActionKey[] = [];
  for (const name of fs.readdirSync(routesDir).sort()) {
    if (!/\.(ts|tsx)$/.test(name) || /\.test\.tsx?$/.test(name)) continue;
    const file = path.join(routesDir, name);
    const found = scanRoute(file);
    if (!found) continue;
    const route = name.replace(/\.tsx?$/, "");
    if (found.intents.size === 0 || found.fallsThrough) keys.push({ route, intent: null });
    for (const intent of [...found.intents].sort()) keys.push({ route, intent });
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------
// Parsing and resolution

const parsed = new Map<string, ts.SourceFile>();

function parse(file: string): ts.SourceFile {
  let source = parsed.get(file);
  if (!source) {
    const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, kind);
    parsed.set(file, source);
  }
  return source;
}

/** The file an import specifier names, or null for packages and files the scan leaves alone. */
function resolveSpecifier(fromFile: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("#app/")) base = path.join(ROOT, "app", specifier.slice(5));
  else if (specifier.startsWith("#db/")) base = path.join(ROOT, "db", specifier.slice(4));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  if (base.includes(`${path.sep}locales${path.sep}`)) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile() && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return null;
}

type Found = { file: string; node: ts.Node };

/** The top-level declaration of `name` in `file`, following imports and re-exports. */
function findDeclaration(file: string, name: string, seen = new Set<string>()): Found | null {
  const marker = `${file}#${name}`;
  if (seen.has(marker)) return null;
  seen.add(marker);
  const source = parse(file);
  for (const statement of source.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name) {
      return { file, node: statement };
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return { file, node: declaration };
      }
    }
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          if (element.name.text !== name) continue;
          const target = resolveSpecifier(file, statement.moduleSpecifier.text);
          return target ? findDeclaration(target, (element.propertyName ?? element.name).text, seen) : null;
        }
      }
    }
    if (ts.isExportDeclaration(statement)) {
      const target = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? resolveSpecifier(file, statement.moduleSpecifier.text) : null;
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause)) {
        for (const element of clause.elements) {
          if (element.name.text !== name) continue;
          const original = (element.propertyName ?? element.name).text;
          if (statement.moduleSpecifier) return target ? findDeclaration(target, original, seen) : null;
          if (original !== name) return findDeclaration(file, original, seen);
        }
      }
    }
  }
  // `export * from "./x"`: the name may come from any of them.
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && !statement.exportClause && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const target = resolveSpecifier(file, statement.moduleSpecifier.text);
      const found = target ? findDeclaration(target, name, seen) : null;
      if (found) return found;
    }
  }
  return null;
}

/** The node of the module's exported `action`, or null when it has none. */
function actionDeclaration(file: string): ts.Node | null {
  const source = parse(file);
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && ts.isFunctionDeclaration(statement) && statement.name?.text === "action") return statement;
    if (exported && ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === "action") return declaration;
      }
    }
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) {
        if (element.name.text !== "action") continue;
        const found = findDeclaration(file, (element.propertyName ?? element.name).text);
        return found?.node ?? statement;
      }
    }
  }
  return null;
}

/** Whether an identifier stands for a value here (not a property name, a key or a declared name). */
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return false;
  if ((ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node) return false;
  if (ts.isJsxAttribute(parent)) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent)) return false;
  if (ts.isTypeReferenceNode(parent)) return false;
  return true;
}

/** Every declaration the action reaches (rule 2b), with the action itself first. */
function reachableFromAction(file: string, action: ts.Node): Found[] {
  const visited = new Set<ts.Node>();
  const out: Found[] = [];
  const queue: Found[] = [{ file, node: action }];
  while (queue.length) {
    const item = queue.shift()!;
    if (visited.has(item.node)) continue;
    visited.add(item.node);
    out.push(item);
    const visit = (node: ts.Node) => {
      if (ts.isIdentifier(node) && isReference(node)) {
        const found = findDeclaration(item.file, node.text);
        if (found && !visited.has(found.node)) queue.push(found);
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(item.node, visit);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Intent values

function stripWrappers(node: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) {
      node = node.expression;
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
      node = node.left;
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "String" && node.arguments.length === 1) {
      node = node.arguments[0]!;
    } else return node;
  }
}

/** Whether `node` is an intent expression (rule 3), given the names of intent variables. */
function isIntentExpression(node: ts.Expression, intentVariables: Set<string>): boolean {
  const inner = stripWrappers(node);
  if (ts.isIdentifier(inner)) return inner.text === "intent" || intentVariables.has(inner.text);
  if (ts.isPropertyAccessExpression(inner)) return inner.name.text === "intent";
  if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && inner.expression.name.text === "get") {
    const [first] = inner.arguments;
    return first !== undefined && ts.isStringLiteralLike(first) && first.text === "intent";
  }
  return false;
}

/** The strings an expression can evaluate to, as far as literals, conditionals and constants show. */
function literalOutcomes(node: ts.Expression | undefined, file: string, depth = 0): string[] {
  if (!node || depth > 5) return [];
  const inner = ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) ? node.expression : node;
  if (ts.isStringLiteralLike(inner)) return [inner.text];
  if (ts.isConditionalExpression(inner)) return [...literalOutcomes(inner.whenTrue, file, depth + 1), ...literalOutcomes(inner.whenFalse, file, depth + 1)];
  if (ts.isBinaryExpression(inner) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(inner.operatorToken.kind)) {
    return [...literalOutcomes(inner.left, file, depth + 1), ...literalOutcomes(inner.right, file, depth + 1)];
  }
  if (ts.isIdentifier(inner)) {
    const found = findDeclaration(file, inner.text);
    if (found && ts.isVariableDeclaration(found.node)) {
      const flags = ts.getCombinedNodeFlags(found.node);
      if (flags & ts.NodeFlags.Const) return literalOutcomes(found.node.initializer, found.file, depth + 1);
    }
  }
  return [];
}

/** The strings of an array literal, or of a constant holding one. */
function arrayStrings(node: ts.Expression, file: string, depth = 0): string[] {
  const inner = stripWrappers(node);
  if (ts.isArrayLiteralExpression(inner)) return inner.elements.flatMap((element) => literalOutcomes(element as ts.Expression, file));
  if (ts.isIdentifier(inner) && depth < 5) {
    const found = findDeclaration(file, inner.text);
    if (found && ts.isVariableDeclaration(found.node) && found.node.initializer) return arrayStrings(found.node.initializer, found.file, depth + 1);
  }
  return [];
}

/** The keys of an object literal, or of a constant holding one. */
function objectKeys(node: ts.Expression, file: string, depth = 0): string[] {
  const inner = stripWrappers(node);
  if (ts.isObjectLiteralExpression(inner)) {
    return inner.properties.flatMap((property) => {
      const name = property.name;
      if (!name) return [];
      if (ts.isIdentifier(name) || ts.isStringLiteralLike(name)) return [name.text];
      return [];
    });
  }
  if (ts.isIdentifier(inner) && depth < 5) {
    const found = findDeclaration(file, inner.text);
    if (found && ts.isVariableDeclaration(found.node) && found.node.initializer) return objectKeys(found.node.initializer, found.file, depth + 1);
  }
  return [];
}

/** `z.literal("x")` / `z.enum([...])` anywhere in a call chain (`.catch`, `.default`, … around it). */
function zodIntentValues(node: ts.Expression, file: string): string[] {
  const values: string[] = [];
  const visit = (expression: ts.Node) => {
    if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression)) {
      const method = expression.expression.name.text;
      const [first] = expression.arguments;
      if (method === "literal" && first) values.push(...literalOutcomes(first, file));
      if (method === "enum" && first) values.push(...arrayStrings(first, file));
    }
    ts.forEachChild(expression, visit);
  };
  visit(node);
  return values;
}

/** Whether the node is a JSX element (or self-closing one) posting to a literal other path. */
function postsElsewhere(node: ts.Node): boolean {
  const attributes = ts.isJsxElement(node) ? node.openingElement.attributes : ts.isJsxSelfClosingElement(node) ? node.attributes : null;
  const tag = ts.isJsxElement(node) ? node.openingElement.tagName.getText() : ts.isJsxSelfClosingElement(node) ? node.tagName.getText() : "";
  if (!attributes || !/(^|\.)(Form|form)$/.test(tag)) return false;
  return attributes.properties.some(
    (attribute) =>
      ts.isJsxAttribute(attribute) &&
      attribute.name.getText() === "action" &&
      attribute.initializer !== undefined &&
      ts.isStringLiteral(attribute.initializer) &&
      attribute.initializer.text.startsWith("/"),
  );
}

function jsxAttribute(attributes: ts.JsxAttributes, name: string) {
  return attributes.properties.find((a): a is ts.JsxAttribute => ts.isJsxAttribute(a) && a.name.getText() === name);
}

function attributeOutcomes(attribute: ts.JsxAttribute | undefined, file: string): string[] {
  const initializer = attribute?.initializer;
  if (!initializer) return [];
  if (ts.isStringLiteral(initializer)) return [initializer.text];
  if (ts.isJsxExpression(initializer) && initializer.expression) return literalOutcomes(initializer.expression, file);
  return [];
}

type Scan = { values: Set<string>; comparedInIfs: boolean; parsedBySchema: boolean };

/** Applies rule 3 to a subtree of `file`, adding what it finds to `scan`. */
function collectIntents(root: ts.Node, file: string, scan: Scan, skipElsewhere: boolean) {
  const intentVariables = new Set<string>();
  const add = (values: string[]) => values.forEach((value) => value && scan.values.add(value));
  const visit = (node: ts.Node) => {
    if (skipElsewhere && postsElsewhere(node)) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && isIntentExpression(node.initializer, intentVariables)) {
      intentVariables.add(node.name.text);
    }
    if (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) {
      const name = jsxAttribute(node.attributes, "name");
      if (name && attributeOutcomes(name, file).includes("intent")) add(attributeOutcomes(jsxAttribute(node.attributes, "value"), file));
      add(attributeOutcomes(jsxAttribute(node.attributes, "intent"), file));
    }
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      const equality = [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken];
      if (equality.includes(operator)) {
        if (isIntentExpression(node.left, intentVariables)) {
          add(literalOutcomes(node.right, file));
          if (isInIf(node)) scan.comparedInIfs = true;
        }
        if (isIntentExpression(node.right, intentVariables)) {
          add(literalOutcomes(node.left, file));
          if (isInIf(node)) scan.comparedInIfs = true;
        }
      }
      if (operator === ts.SyntaxKind.InKeyword && isIntentExpression(node.left, intentVariables)) add(objectKeys(node.right, file));
    }
    if (ts.isSwitchStatement(node) && isIntentExpression(node.expression, intentVariables)) {
      for (const clause of node.caseBlock.clauses) if (ts.isCaseClause(clause)) add(literalOutcomes(clause.expression, file));
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "includes") {
      const [first] = node.arguments;
      if (first && isIntentExpression(first, intentVariables)) add(arrayStrings(node.expression.expression, file));
    }
    if (ts.isElementAccessExpression(node) && isIntentExpression(node.argumentExpression, intentVariables)) add(objectKeys(node.expression, file));
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && node.name.text === "intent") {
      const direct = literalOutcomes(node.initializer, file);
      const fromZod = zodIntentValues(node.initializer, file);
      if (fromZod.length) scan.parsedBySchema = true;
      add([...direct, ...fromZod]);
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
}

function isInIf(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isIfStatement(at)) return true;
    if (ts.isFunctionLike(at)) return false;
  }
  return false;
}

const REFUSAL_CALLS = new Set(["badRequest", "notFound", "forbidden", "conflict", "methodNotAllowed"]);

/** Whether a statement refuses (rule 4): a 4xx answer or a thrown refusal. */
function isRefusal(statement: ts.Statement): boolean {
  if (ts.isThrowStatement(statement)) {
    const thrown = stripWrappers(statement.expression);
    return ts.isCallExpression(thrown) && ts.isIdentifier(thrown.expression) && REFUSAL_CALLS.has(thrown.expression.text);
  }
  if (ts.isReturnStatement(statement) && statement.expression) {
    const returned = stripWrappers(statement.expression);
    if (!ts.isCallExpression(returned) && !ts.isNewExpression(returned)) return false;
    const [first, second] = returned.arguments ?? [];
    const is4xx = (node: ts.Node | undefined) => node !== undefined && ts.isNumericLiteral(node) && /^4\d\d$/.test(node.text);
    if (is4xx(first)) return true;
    if (second && ts.isObjectLiteralExpression(second)) {
      return second.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === "status" && is4xx(p.initializer));
    }
    if (ts.isIdentifier(returned.expression) && REFUSAL_CALLS.has(returned.expression.text)) return true;
  }
  if (ts.isSwitchStatement(statement)) {
    const fallback = statement.caseBlock.clauses.find(ts.isDefaultClause);
    const last = fallback?.statements.at(-1);
    return last !== undefined && isRefusal(last);
  }
  return false;
}

const UPLOAD_CALLS = new Set(["isMultipart", "readImageUpload", "unstable_parseMultipartFormData"]);

/** Whether statements call one of UPLOAD_CALLS (rule 4: an upload branch takes no intent). */
function readsUpload(statements: readonly ts.Statement[]): boolean {
  let found = false;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && UPLOAD_CALLS.has(node.expression.text)) found = true;
    if (!found) ts.forEachChild(node, visit);
  };
  statements.forEach(visit);
  return found;
}

/** The body statements of the action (for `export const action = wrap(fn)`, of `fn`). */
function actionBody(file: string, action: ts.Node): readonly ts.Statement[] {
  if ((ts.isFunctionDeclaration(action) || ts.isFunctionExpression(action) || ts.isArrowFunction(action)) && action.body) {
    return ts.isBlock(action.body) ? action.body.statements : [];
  }
  if (ts.isVariableDeclaration(action) && action.initializer) {
    const init = stripWrappers(action.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return actionBody(file, init);
    if (ts.isCallExpression(init)) {
      for (const argument of init.arguments) {
        if (ts.isIdentifier(argument)) {
          const found = findDeclaration(file, argument.text);
          if (found) return actionBody(found.file, found.node);
        }
        if (ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)) return actionBody(file, argument);
      }
    }
  }
  return [];
}

/** Rules 1–4 for one route module; null when it exports no action. */
function scanRoute(file: string): { intents: Set<string>; fallsThrough: boolean } | null {
  const action = actionDeclaration(file);
  if (!action) return null;
  const scan: Scan = { values: new Set(), comparedInIfs: false, parsedBySchema: false };
  collectIntents(parse(file), file, scan, true);
  const inModule = new Set(scan.values);
  // What the module's forms send is one thing; whether the action reads intent in `if`s or through a
  // schema is decided by what the action reaches.
  const reached: Scan = { values: new Set(), comparedInIfs: false, parsedBySchema: false };
  for (const found of reachableFromAction(file, action)) {
    collectIntents(found.node, found.file, reached, false);
  }
  const intents = new Set([...inModule, ...reached.values]);
  const body = actionBody(file, action);
  const last = body.at(-1);
  const fallsThrough = intents.size > 0 && reached.comparedInIfs && !reached.parsedBySchema && last !== undefined && !isRefusal(last);
  return { intents, fallsThrough: fallsThrough || readsUpload(body) };
}
