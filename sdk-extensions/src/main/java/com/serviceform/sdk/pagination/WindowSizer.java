package com.serviceform.sdk.pagination;

import java.util.Arrays;

/**
 * Where the next chat window should end so that it holds a little less than a page. Not
 * thread-safe; times are epoch seconds.
 *
 * <p>The density is a decaying average over recent windows (steady on evenly spread chats), reset
 * to the last window alone when that window's count is far from what the average predicted (a
 * burst begins or ends). A full window leaves a <em>known-full region</em>: its span holds at least
 * a page, and each further full window in a row assumes twice as many. Inside such a region the
 * windows are sized from the times of the chats the full window did return (their {@code changed}
 * seconds, when all of them lie inside it), so a burst is found in a few requests however narrow
 * it is. Those times only size windows: which chats a window covers is always the server's
 * answer, so a server that filters on another timestamp, or returns its chats in any order, costs
 * requests, never chats.
 */
final class WindowSizer {
  /** Weight of the older windows at each new one. */
  static final double DECAY = 0.85;
  /** How far above the expected count a window may land, in standard deviations, before it is full. */
  static final double MARGIN = 1.7;
  /** The most a window may grow over the last one, so a quiet stretch does not jump far over a burst. */
  static final double MAX_GROWTH = 64;

  /** How many times more chats each full window in a row is assumed to hold than the one before. */
  private final double fullGrowth;
  private double count;
  private double width;
  private long lastWidth;
  private int fullInARow;

  /** The end of the known-full region (inclusive), or Long.MIN_VALUE when there is none. */
  private long regionEnd = Long.MIN_VALUE;
  /** How many chats the region holds at least (a full window's limit, less what was found since). */
  private double regionKnown;
  /** How many chats each sample time stands for: guessed from the full windows, then measured. */
  private double perPoint;
  /** The returned chats' times from the full window that made the region, sorted; null if unusable. */
  private long[] sample;
  /** Full windows in a row that were sized from a sample: after two, halving bounds the sample. */
  private int sampledFullInARow;
  private boolean lastFromSample;

  /**
   * @param fullGrowth 4 for one window at a time; larger when windows are fetched concurrently,
   *     where the narrowing is the part that cannot run in parallel, so fewer, sharper steps pay
   */
  WindowSizer(double fullGrowth) {
    this.fullGrowth = fullGrowth;
  }

  /** A complete window from {@code start} to {@code end} with {@code chats} chats. */
  void observe(long start, long end, int chats) {
    // A window from a to b may hold the chats of b - a + 1 seconds (both ends inclusive).
    long seconds = Math.max(1, end - start) + 1;
    if (fullInARow > 0 || width == 0) {
      restart(seconds, chats);
    } else {
      double expected = count / width * seconds;
      if (Math.abs(chats - expected) > 3 * Math.sqrt(expected) + 2) {
        restart(seconds, chats);
      } else {
        count = count * DECAY + chats;
        width = width * DECAY + seconds;
        lastWidth = seconds;
      }
    }
    if (regionEnd != Long.MIN_VALUE) {
      regionKnown -= chats;
      if (sample != null) {
        int taken = 0;
        for (long time : sample) {
          if (time >= start && time <= end) {
            taken++;
          }
        }
        if (taken >= 3) {
          perPoint = Math.max(1, (double) chats / taken);
        }
      }
      if (end >= regionEnd || regionKnown < 1) {
        regionEnd = Long.MIN_VALUE;
        sample = null;
      }
    }
    fullInARow = 0;
    sampledFullInARow = 0;
  }

  /**
   * A window that came back full at {@code limit}; {@code times} are the returned chats' times,
   * or null when they are unknown or not all inside the window.
   */
  void full(long start, long end, int limit, long[] times) {
    long seconds = Math.max(1, end - start) + 1;
    fullInARow++;
    sampledFullInARow = lastFromSample ? sampledFullInARow + 1 : 0;
    // Each full window in a row guesses fullGrowth times as many chats: a burst of any density is
    // narrowed in a few requests, at the price of one window that may come out that much too small.
    double beyond = 1.15 * Math.pow(fullGrowth, Math.min(fullInARow - 1, 20));
    restart(seconds, limit * beyond);
    regionEnd = end;
    regionKnown = limit;
    perPoint = beyond;
    if (times != null) {
      sample = times.clone();
      Arrays.sort(sample);
    } else {
      sample = null;
    }
  }

  private void restart(long seconds, double chats) {
    count = chats;
    width = seconds;
    lastWidth = seconds;
  }

  /**
   * Whether windows can be planned ahead of the answers in flight: not while a full window is
   * being narrowed, where each answer decides the next window.
   */
  boolean settled(long start) {
    return width > 0 && fullInARow == 0 && (regionEnd == Long.MIN_VALUE || start >= regionEnd);
  }

  /** The end second of the next window from {@code start}, with {@code page} as its limit; at least start + 1. */
  long nextEnd(long start, int page) {
    lastFromSample = false;
    if (width == 0) {
      return Long.MAX_VALUE;
    }
    boolean inRegion = regionEnd != Long.MIN_VALUE && start < regionEnd;
    double density = Math.max(count, 0.5) / width;
    if (inRegion) {
      density = Math.max(density, regionKnown / (regionEnd - start + 1));
    }
    double target = target(page, count);
    double seconds = target / density - 1;
    if (fullInARow == 0 && !inRegion) {
      seconds = Math.min(seconds, lastWidth * MAX_GROWTH);
    }
    long end = start + (long) Math.max(1, Math.min(seconds, 1e15));
    if (inRegion && sample != null) {
      long fromSample = fromSample(start, target);
      if (fromSample != Long.MIN_VALUE) {
        if (sampledFullInARow >= 2) {
          // The samples keep landing full (a server that returns the newest chats first): halve too.
          fromSample = Math.min(fromSample, start + Math.max(1, (regionEnd - start) / 2));
        }
        end = fromSample;
        lastFromSample = true;
      }
    }
    return end;
  }

  /** The end that takes in as many sample times as make {@code target} chats, or MIN_VALUE. */
  private long fromSample(long start, double target) {
    int first = 0;
    while (first < sample.length && sample[first] < start) {
      first++;
    }
    int ahead = sample.length - first;
    int take = (int) Math.floor(target / perPoint);
    if (take < 1 || take >= ahead) {
      // Denser than the sample resolves, or the rest of the region holds less than a window.
      return Long.MIN_VALUE;
    }
    // End just before the first time not taken, so its second is left for the next window.
    return Math.max(start + 1, sample[first + take] - 1);
  }

  /**
   * The count to aim for: {@code page} less a margin for the spread of a count around its
   * expectation (Poisson) and for the error of the density estimate (relative 1/sqrt(chats seen)).
   */
  static double target(int page, double seen) {
    double relativeError2 = 1 / Math.max(seen, 1);
    double aim = page * 0.8;
    for (int i = 0; i < 8; i++) {
      aim = page - MARGIN * Math.sqrt(aim * (1 + aim * relativeError2));
      aim = Math.max(aim, Math.min(1, page * 0.5));
    }
    return aim;
  }
}
