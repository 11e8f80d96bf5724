// The slugs of the approved demo organisations (db/seed-organisations.ts), as the demo seeds of
// initiatives, events and the resource exchange name them.

export const PRODUCE = "ministerio-de-la-produccion";
export const MINAM = "ministerio-del-ambiente";
export const SNI = "sociedad-nacional-de-industrias";
export const CCL = "camara-de-comercio-de-lima";
export const GR_AREQUIPA = "gobierno-regional-de-arequipa";
export const MP_TRUJILLO = "municipalidad-provincial-de-trujillo";
export const CITE_CUSCO = "cite-textil-camelidos-cusco";
export const COOP_CAFE = "cooperativa-agraria-cafetalera-del-alto-mayo";
export const PLASTICOS = "plasticos-del-norte";
export const UNALM = "universidad-nacional-agraria-la-molina";
export const RECICLADORES = "red-de-recicladores-de-lima";
export const UE = "delegacion-de-la-union-europea";
