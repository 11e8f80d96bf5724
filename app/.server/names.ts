/** "Cámara de Comercio de Lima S.A.C." → "camara de comercio de lima s a c": for duplicate checks and search. */
export function nameKey(name: string) {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** URL-safe slug from a name: "Cámara de Comercio" → "camara-de-comercio". */
export function slugify(name: string) {
  return nameKey(name).replace(/ /g, "-").slice(0, 60).replace(/-+$/, "") || "organizacion";
}
