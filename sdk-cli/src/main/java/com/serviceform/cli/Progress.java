package com.serviceform.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** One line of progress on stderr, redrawn at most five times a second; nothing when off. */
final class Progress {
  private final PrintWriter err;
  private final boolean on;
  private final long started = System.nanoTime();
  private long drawn;
  private int width;

  Progress(PrintWriter err, boolean on) {
    this.err = err;
    this.on = on;
  }

  /** {@code fraction} of the work done (negative when unknown). */
  void show(String what, long records, double fraction, boolean force) {
    if (!on) {
      return;
    }
    long now = System.nanoTime();
    if (!force && now - drawn < 200_000_000L) {
      return;
    }
    drawn = now;
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    StringBuilder line = new StringBuilder(what).append(" · ")
        .append(String.format(Locale.ROOT, "%,d records · %,.0f/s", records, records / seconds));
    if (fraction > 0 && fraction < 1) {
      long eta = (long) (seconds * (1 - fraction) / fraction);
      line.append(String.format(Locale.ROOT, " · %.0f%% · ETA %s", fraction * 100, clock(Duration.ofSeconds(eta))));
    }
    String text = line.toString();
    err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
    err.flush();
    width = text.length();
  }

  void done(String what, long records) {
    show(what, records, 1, true);
    if (on) {
      err.println();
      err.flush();
    }
  }

  private static String clock(Duration d) {
    return d.toHours() > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
        : String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
  }
}
