import { loadAllLanguages } from './translate.ts';

// Unit tests render screens and speak texts in all ten languages: every table loaded up front,
// as a kiosk has each one once a citizen has chosen it.
await loadAllLanguages();
