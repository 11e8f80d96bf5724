// @types/react-dom 18 types `react-dom/server` but not the `react-dom/server.browser` entry point
// that package.json exports; it is the same web-streams API (see app/entry.server.tsx).
declare module "react-dom/server.browser" {
  export {
    renderToReadableStream,
    type ReactDOMServerReadableStream,
    type RenderToReadableStreamOptions,
  } from "react-dom/server";
}
