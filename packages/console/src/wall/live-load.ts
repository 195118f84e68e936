/**
 * Asks again when something changed, without a timer: one request at a time,
 * and frames that arrive while one is under way make exactly one more.
 */
export function liveLoader(load: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await load();
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  return () => void run();
}
