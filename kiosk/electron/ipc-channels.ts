/** The two IPC channels that carry `TerminalApi` between the Electron main process and the UI. */
export const COMMAND_CHANNEL = 'terminal:command';
export const EVENT_CHANNEL = 'terminal:event';
