/**
 * Resolves on the first SIGINT or SIGTERM. Call it before printing that the
 * service is up: a supervisor (systemd, a test, `npm start`) may stop it the
 * moment it reads that line, and a signal that arrives before a handler is
 * installed kills the process outright instead of stopping it cleanly.
 */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
