export * from "./auth.ts";
export * from "./mail.ts";
export * from "./notifications.ts";
export * from "./organisations.ts";
export * from "./initiatives.ts";
export * from "./events.ts";
export * from "./forms.ts";
export * from "./data-versions.ts";
