// Placeholder so `npm run build` has an entry point; the language server replaces this file.
export {};
