package io.aura.rightsizing;

/** How far a recommendation can be trusted; its reasons are in {@link Recommendation#reasons()}. */
public enum Confidence {
  /** Enough history, backtests met the budget, no recent OOM. */
  HIGH,
  /** Usable with care: one reason lowers it (wide interval, short history, ...). */
  MEDIUM,
  /** A fallback (VPA's answer) or an answer from little data. */
  LOW
}
