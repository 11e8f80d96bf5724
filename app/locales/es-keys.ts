import type { es } from "./es.ts";

export type MessageKey = keyof typeof es;
