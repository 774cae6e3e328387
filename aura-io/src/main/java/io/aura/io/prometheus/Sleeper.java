package io.aura.io.prometheus;

/** Waits between retries; replaceable in tests so no test waits for real. */
@FunctionalInterface
interface Sleeper {
  Sleeper REAL = Thread::sleep;

  void sleep(long millis) throws InterruptedException;
}
