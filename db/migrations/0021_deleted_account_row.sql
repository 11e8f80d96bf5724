-- The shared row that a closed account's kept posts and threads are attributed to (issue 13,
-- ADR 0016), created here so that nobody can register its address before the first closure.
-- No name (pages say "Cuenta eliminada"), no handle, and a password hash that is not a hash.
INSERT OR IGNORE INTO `users` (`email`, `name`, `password_hash`, `role`, `locale`) VALUES ('cuenta-eliminada@peru-pais-circular.invalid', '', '!', 'member', 'es');
