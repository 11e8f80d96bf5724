import { createContext, useContext } from "react";

// The per-request CSP nonce, set by entry.server so inline scripts Remix renders are allowed.
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
