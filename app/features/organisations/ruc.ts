// RUC (Registro Único de Contribuyentes): 11 digits, the last a modulo-11 check digit over the
// first ten with weights 5,4,3,2,7,6,5,4,3,2. Remainder r gives 11 − r, where 10 → 0 and 11 → 1.
const WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
// Valid RUC prefixes: 10 (person), 15 and 17 (special cases), 20 (company or entity).
const PREFIXES = ["10", "15", "17", "20"];

export function rucCheckDigit(firstTen: string) {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(firstTen[i]), 0);
  const digit = 11 - (sum % 11);
  return digit === 10 ? 0 : digit === 11 ? 1 : digit;
}

export function isValidRuc(value: string) {
  if (!/^\d{11}$/.test(value)) return false;
  if (!PREFIXES.includes(value.slice(0, 2))) return false;
  return rucCheckDigit(value.slice(0, 10)) === Number(value[10]);
}
