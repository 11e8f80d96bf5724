/**
 * How many characters of a listing's text filter (`?q=`) are used; the search box allows no
 * more. Its own module, free of zod, because the listings' components import it.
 */
export const SEARCH_TEXT_MAX = 100;
