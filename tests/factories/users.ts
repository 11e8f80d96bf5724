// Demo and test people, shared by the seed script and the tests.
export const DEMO_PASSWORD = "Economia-Circular-2026";

export const DEMO_USERS = [
  { email: "admin@demo.pe", name: "Rosa Quispe (admin)", role: "admin" },
  { email: "coordinadora@demo.pe", name: "Lucía Huamán", role: "coordinator" },
  { email: "coordinador@demo.pe", name: "Jorge Mamani", role: "coordinator" },
  { email: "miembro1@demo.pe", name: "Carmen Flores", role: "member" },
  { email: "miembro2@demo.pe", name: "Luis Ramírez", role: "member" },
  { email: "miembro3@demo.pe", name: "Ana Torres", role: "member", locale: "en" },
] as const;
