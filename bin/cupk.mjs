#!/usr/bin/env node
// The `cupk` command: TypeScript sources run through tsx's loader, no build step.
import { register } from 'tsx/esm/api';

register();
await import('../kiosk/cli/run.ts');
