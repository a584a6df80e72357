// Placeholder so `npm run build` has an entry point; the extension client replaces this file.
export {};
