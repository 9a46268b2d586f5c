// Vite's types for imports such as `x?url`.
/// <reference types="vite/client" />
