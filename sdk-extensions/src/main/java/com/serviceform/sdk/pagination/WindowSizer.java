package com.serviceform.sdk.pagination;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the next chat window should end so that it holds a little less than a page. Not
 * thread-safe; times are epoch seconds.
 *
 * <p>The density is a decaying average over recent windows (steady on evenly spread chats), reset
 * to the last window alone when that window's count is far from what the average predicted (a
 * burst begins or ends). A full window leaves a <em>known-full region</em>: its span holds at least
 * a page, and each further full window in a row assumes more. Inside such a region the windows are
 * sized from the times of the chats the full window did return (their {@code changed} seconds,
 * when all of them lie inside it), so a burst is found in a few requests however narrow it is.
 *
 * <p>Those times are also kept as a <em>map</em> once the region is left: the complete windows
 * inside a full window's span tell how many chats each of its returned times stands for, and then
 * its times ahead of the frontier predict the next windows' counts, with an error that can be
 * computed (a random sample of the span's chats). Where the map is sharper than the density, or
 * the two disagree (a burst ahead, or a quiet stretch after one), the map sizes the window. Times
 * only size windows: which chats a window covers is always the server's answer, so a server that
 * filters on another timestamp, or returns its chats in any order, costs requests, never chats.
 */
final class WindowSizer {
  /** Weight of the older windows at each new one: about 30 windows, an even density to a few per cent. */
  static final double DECAY = 0.97;
  /** The weight instead when two windows in a row were off the same way (the density is moving). */
  static final double DECAY_TREND = 0.6;
  /** How far off (in standard deviations, each way) two windows must be to count as a trend. */
  static final double TREND = 1.5;
  /**
   * How far above the expected count a window may land, in standard deviations, before it is full,
   * with one window at a time: a full window costs about one more request then, and this is about
   * the cheapest balance of smaller windows against more full ones (at pages of 100, windows of
   * about 82 chats, 3 % of them full).
   */
  static final double MARGIN = 1.9;
  /**
   * The same with windows planned ahead. A window full by chance costs more then: two more requests
   * (its pieces; often a third, an answer dropped to send them at once), and about a round in which
   * the windows answered after it wait to be read and hold their places, so fewer fetches run. A
   * wider margin costs a few more windows and saves most of those: at pages of 200 about as many
   * requests in all and 3 % less time than 2.0 (ChatExportBenchmark).
   */
  static final double MARGIN_AHEAD = 2.5;
  /** The most a window may grow over the last one, so a quiet stretch does not jump far over a burst. */
  static final double MAX_GROWTH = 64;
  /** How many times more chats each full window in a row (a burst) is assumed to hold than the one before. */
  static final double FULL_GROWTH = 4;
  /**
   * How many pages the range is guessed to hold when its first window is full: too many makes the
   * next windows small, too few another full one.
   */
  static final double FIRST_GUESS = 12;
  /** How many times more each full window in a row is assumed to hold while chats are spread evenly. */
  static final double SMOOTH_GROWTH = 2;
  /** How much likelier two rates must make a window's times than one before the later rate is used. */
  static final double CHANGE = 6;
  /** How many full windows' times are kept as the map (each at most one answer's worth). */
  static final int MAX_LEVELS = 8;

  /** How far above the expected count a window may land, in standard deviations, before it is full. */
  private final double margin;
  private double count;
  private double width;
  private long lastWidth;
  private int fullInARow;
  /** How many of the full windows in a row had their chats spread evenly, and the last guess. */
  private int smoothInARow;
  private double lastBeyond;
  /** Whether the last complete window held about what the density predicted. */
  private boolean steady;
  /** How far the last complete window's count was from the expected, in standard deviations. */
  private double lastDeviation;
  /** Whether the map has sized a window against the density since the last complete window. */
  private boolean stale;
  /** Whether some window came back complete. */
  private boolean observed;
  /** The density before a full window (and that window's limit and width), in case it was chance. */
  private double steadyCount;
  private double steadyWidth;
  private double steadyFull;
  private double steadyFullWidth;
  /** The density before the last burst (count, width, last width), to resume when it is over. */
  private double backgroundCount;
  private double backgroundWidth;
  private long backgroundLastWidth;

  /** The end of the known-full region (inclusive), or Long.MIN_VALUE when there is none. */
  private long regionEnd = Long.MIN_VALUE;
  /** How many chats the region holds at least (a full window's limit, less what was found since). */
  private double regionKnown;
  /** The times of the full window that made the region; null if unusable. */
  private Level region;
  /** Full windows in a row that were sized from a sample: after two, halving bounds the sample. */
  private int sampledFullInARow;
  private boolean lastFromSample;

  /**
   * Whether some level's times were found not to be a random sample of its chats (the server
   * answers in time order, say): then no level is used as a map.
   */
  private boolean misled;
  /** Whether the last answer was full and in time order, taken as a complete window up to its last time. */
  private boolean orderedFull;
  /** Full windows' times, oldest first; each covers the frontier (those behind it are dropped). */
  private final List<Level> levels = new ArrayList<>();

  /** @param margin {@link #MARGIN} for one window at a time, {@link #MARGIN_AHEAD} for windows planned ahead */
  WindowSizer(double margin) {
    this.margin = margin;
  }

  /**
   * Where to cut a full window, whose later windows are planned already, into windows of less than
   * a page each, all to be fetched at once: when its {@code times} show a chance excess (the window
   * was sized for a little less than a page, and its chats are spread as evenly as expected), they
   * show nearly all of its chats; when they come in time order, they are its earliest chats, and
   * the density says how many follow. The cut seconds in order (each window ends at one, the next
   * starts there), or null when the times do not say enough.
   */
  long[] cuts(long start, long end, int limit, long[] times, int page) {
    if (times == null || times.length != limit || width == 0) {
      return null;
    }
    boolean ordered = ascending(times, limit);
    // (In time order the times cover the window only up to the last of them.)
    long covered = ordered ? times[limit - 1] : end;
    if ((misled && !ordered) || changes(start, covered, times)) {
      return null;
    }
    double density = Math.max(count, 0.5) / width;
    double expected = density * (Math.max(1, end - start) + 1);
    if (expected > limit) {
      return null;
    }
    double perPoint = 1 + Math.sqrt(Math.max(expected, limit)) / limit;
    if (ordered) {
      // The window's count if the rest is as dense as the earliest chats: more than a chance
      // excess over what it was sized for is a burst, whose pieces would be full again. (The
      // earliest page is denser than the window by selection, so this errs high.)
      double implied = limit * (double) (end - start + 1) / (covered - start + 1);
      if (implied > expected + 4 * Math.sqrt(expected) + 2) {
        return null;
      }
      perPoint = Math.max(perPoint, implied / limit);
    }
    double aim = page - margin * Math.sqrt(page * (perPoint - 1) + 1);
    int pieces = (int) Math.ceil(limit * perPoint / Math.max(1, aim));
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    long[] cuts = new long[pieces - 1];
    long last = start;
    for (int i = 1; i < pieces; i++) {
      // A sample's quantiles are the window's; the earliest chats' are only up to the last of them.
      int at = ordered ? (int) (i * limit * perPoint / pieces) : (int) ((long) i * limit / pieces);
      if (at >= limit) {
        return null;
      }
      long cut = sorted[at] - 1;
      if (cut <= last || cut >= end) {
        return null;
      }
      cuts[i - 1] = cut;
      last = cut;
    }
    return cuts;
  }

  /**
   * A sizer for a full window inside the export whose later windows are planned already: it starts
   * from this one's density and map (each window is then observed by one of the two).
   */
  WindowSizer forHole() {
    WindowSizer hole = new WindowSizer(margin);
    hole.count = count;
    hole.width = width;
    hole.lastWidth = lastWidth;
    hole.observed = observed;
    hole.steady = steady;
    hole.backgroundCount = backgroundCount;
    hole.backgroundWidth = backgroundWidth;
    hole.backgroundLastWidth = backgroundLastWidth;
    hole.misled = misled;
    hole.levels.addAll(levels);
    return hole;
  }

  /**
   * A complete window from {@code start} to {@code end} with {@code chats} chats; {@code times}
   * are their times, or null when unknown or not all inside the window.
   */
  void observe(long start, long end, int chats, long[] times) {
    orderedFull = false;
    // A window from a to b may hold the chats of b - a + 1 seconds (both ends inclusive).
    long seconds = Math.max(1, end - start) + 1;
    steady = false;
    stale = false;
    if (fullInARow > 0 && steadyWidth > 0
        && agrees(chats, steadyCount / steadyWidth * seconds)) {
      // The full window was a chance excess, not a burst: the density before it stands, and the
      // full window counts with at least its limit (leaving it out would bias the density low).
      count = steadyCount * DECAY + steadyFull * DECAY + chats;
      width = steadyWidth * DECAY + steadyFullWidth * DECAY + seconds;
      lastWidth = seconds;
    } else if (fullInARow > 0 || width == 0) {
      restartAtEnd(start, end, chats, times);
    } else {
      double expected = count / width * seconds;
      if (!agrees(chats, expected)) {
        restartAtEnd(start, end, chats, times);
      } else {
        // Two windows in a row off the same way (a rate rising or falling through the day): the
        // older windows say less.
        double deviation = (chats - expected) / Math.sqrt(expected + 1);
        double decay = deviation * lastDeviation > TREND * TREND ? DECAY_TREND : DECAY;
        lastDeviation = deviation;
        count = count * decay + chats;
        width = width * decay + seconds;
        // (Small windows that agree with a wide estimate do not narrow how far the next may grow.)
        lastWidth = Math.max(lastWidth, seconds);
        steady = true;
      }
    }
    for (Level level : levels) {
      level.observe(start, end, chats);
      misled |= level.misleading;
    }
    if (region != null && !levels.contains(region)) {
      region.observe(start, end, chats);
    }
    if (regionEnd != Long.MIN_VALUE) {
      regionKnown -= chats;
      if (end >= regionEnd || regionKnown < 1) {
        regionEnd = Long.MIN_VALUE;
        region = null;
      }
    }
    fullInARow = 0;
    sampledFullInARow = 0;
    observed = true;
  }

  /**
   * A window that came back full by chance and was then answered whole in pieces: its count is
   * selected for being high (it filled a page where a little less was expected), so it adds to the
   * density but is never taken for a change of it, which would restart the density from it and
   * stop planning ahead until the next window agrees.
   */
  void observeExcess(long start, long end, int chats) {
    long seconds = Math.max(1, end - start) + 1;
    count = count * DECAY + chats;
    width = width * DECAY + seconds;
    for (Level level : levels) {
      level.observe(start, end, chats);
      misled |= level.misleading;
    }
  }

  /**
   * Whether a full answer's times come in ascending order, rising at many places: chats returned in
   * any other order are not sorted by chance (nor are a small page's, or times within a few
   * seconds, counted as sorted).
   */
  static boolean ascending(long[] times, int limit) {
    if (times == null || times.length != limit || limit < 16) {
      return false;
    }
    int rises = 0;
    for (int i = 1; i < times.length; i++) {
      if (times[i] < times[i - 1]) {
        return false;
      }
      if (times[i] > times[i - 1]) {
        rises++;
      }
    }
    return rises >= 8;
  }

  private static boolean agrees(int chats, double expected) {
    return Math.abs(chats - expected) <= 3 * Math.sqrt(expected) + 2;
  }

  /**
   * A window that came back full at {@code limit}; {@code times} are the returned chats' times,
   * or null when they are unknown or not all inside the window.
   */
  void full(long start, long end, int limit, long[] times) {
    if (!orderedFull && ascending(times, limit)) {
      // An answer in time order is the window's earliest chats (the usual ORDER BY ... LIMIT), not
      // a sample of them: no map can be drawn from its times, and the stretch they cover says the
      // density as well as a complete window would. Taken as one, the next window is sized for a
      // page from the start again, instead of narrowing a region known to be full (several full
      // windows in a row when, as at the start of an export, nothing else is known). Only once in
      // a row: should the next answer be full and ordered too, its times are not what they seem.
      misled = true;
      long last = times[limit - 1];
      int before = 0;
      while (times[before] < last) {
        before++;
      }
      if (before > 0) {
        boolean first = width == 0;
        long[] earliest = Arrays.copyOf(times, before);
        observe(start, last - 1, before, earliest);
        orderedFull = true;
        if (first && !changes(start, last - 1, earliest)) {
          // The first answer of an export, a page of chats spread evenly: a measure of the density
          // as good as the two complete windows in agreement that planning ahead waits for
          // otherwise, so the windows after the next need not wait for it.
          steady = true;
        }
        return;
      }
    }
    orderedFull = false;
    long seconds = Math.max(1, end - start) + 1;
    for (Level level : levels) {
      level.full(start, end, limit);
      misled |= level.misleading;
    }
    if (fullInARow == 0 && width > 0) {
      remember();
      steadyCount = count;
      steadyWidth = width;
      // Only a window sized for about a page says something about the density by being full.
      boolean sized = Math.max(count, 0.5) / width * seconds <= limit;
      steadyFull = sized ? limit : 0;
      steadyFullWidth = sized ? seconds : 0;
    } else if (fullInARow > 0) {
      steadyWidth = 0;
    }
    double expected = width > 0 ? Math.max(count, 0.5) / width * seconds : 0;
    boolean chance = false;
    fullInARow++;
    sampledFullInARow = lastFromSample ? sampledFullInARow + 1 : 0;
    // Each full window in a row guesses FULL_GROWTH times as many chats: a burst of any density is
    // narrowed in a few requests, at the price of one window that may come out that much too small.
    double beyond = 1.15 * Math.pow(FULL_GROWTH, Math.min(fullInARow - 1, 20));
    boolean even = observed && times != null && times.length == limit && !changes(start, end, times);
    smoothInARow = even && smoothInARow == fullInARow - 1 ? smoothInARow + 1 : 0;
    if (!observed) {
      // Nothing seen yet: the range may hold any number of pages, so guess boldly.
      beyond = FIRST_GUESS;
    } else if (smoothInARow == 1) {
      // A window sized for a little less than a page, its chats spread as evenly as expected: by
      // chance a few more than a page, so its times show nearly all of its chats.
      beyond = 1 + Math.sqrt(Math.max(expected, limit)) / limit;
      chance = true;
    } else if (smoothInARow > 1) {
      // Evenly spread again, but more than chance: a density rising smoothly (through the day),
      // not a burst; guess a little more each time rather than many times more.
      beyond = lastBeyond * SMOOTH_GROWTH;
    }
    lastBeyond = beyond;
    // The map, where it covers the window, may know better (a burst seen in a coarser sample).
    double[] predicted = sampled(start, end);
    if (predicted != null) {
      // Its lower bound: a guess too high costs a small window, one too low another full one.
      beyond = Math.max(beyond, (predicted[0] - MARGIN * Math.sqrt(predicted[1])) / limit);
    }
    reset(seconds, limit * beyond);
    regionEnd = end;
    regionKnown = limit;
    region = null;
    if (times != null && times.length > 0) {
      long[] sorted = times.clone();
      Arrays.sort(sorted);
      region = new Level(start, end, sorted, beyond);
      region.nearlyAll = chance;
      if (!misled) {
        if (levels.size() == MAX_LEVELS) {
          // Keep the oldest (the widest view) and the newest.
          levels.remove(1);
        }
        levels.add(region);
      }
    }
  }

  /**
   * Restarts the density from the window's last stretch: where its chats' times show that the
   * density changed inside it (a burst began or ended), from the part after the change; else from
   * the whole window.
   */
  private void restartAtEnd(long start, long end, int chats, long[] times) {
    long seconds = Math.max(1, end - start) + 1;
    if (times == null || times.length != chats || chats == 0) {
      restart(seconds, chats);
      return;
    }
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    int split = changePoint(start, end, sorted);
    if (split < 0) {
      restart(seconds, chats);
      return;
    }
    long at = split < chats ? sorted[split] : sorted[chats - 1] + 1;
    restart(end - at + 1, chats - split);
  }

  /** Whether the times (of chats or a sample of them) show two rates in [start, end] rather than one. */
  private static boolean changes(long start, long end, long[] times) {
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    return changePoint(start, end, sorted) >= 0;
  }

  /**
   * Where sorted times in [start, end] change rate: the index of the first time after the change
   * (the length for an empty tail), or -1 when one rate explains them about as well as two.
   */
  private static int changePoint(long start, long end, long[] sorted) {
    int n = sorted.length;
    double whole = logLikelihood(n, end - start + 1);
    double best = whole;
    int split = -1;
    // Split before time i: [start, t_i) holds i times, [t_i, end] the rest (i == n: an empty tail).
    // A rest of a few times would measure the later rate too roughly to size windows by.
    int fewest = Math.min(n / 4, 20);
    for (int i = 1; i <= n; i++) {
      if (i < n && n - i < fewest) {
        continue;
      }
      long at = i < n ? sorted[i] : sorted[n - 1] + 1;
      if (at <= start || at > end) {
        continue;
      }
      double likelihood = logLikelihood(i, at - start) + logLikelihood(n - i, end - at + 1);
      if (likelihood > best) {
        best = likelihood;
        split = i;
      }
    }
    return best - whole < CHANGE ? -1 : split;
  }

  /** Restarts the density from {@code chats} in {@code seconds}, keeping or restoring the background. */
  private void restart(long seconds, double chats) {
    double before = width > 0 ? Math.max(count, 0.5) / width : 0;
    double after = Math.max(chats, 0.5) / seconds;
    if (before > 0 && after > 4 * before && fullInARow == 0) {
      // A burst begins: the density before it is the background to come back to.
      remember();
    } else if (backgroundWidth > 0 && after * 4 < before && fullInARow == 0 && !misled
        && agrees((int) Math.round(chats), backgroundCount / backgroundWidth * seconds)) {
      // A burst ended, and what follows looks like the background before it: resume that.
      count = backgroundCount;
      width = backgroundWidth;
      lastWidth = backgroundLastWidth;
      return;
    }
    count = chats;
    width = seconds;
    lastWidth = seconds;
  }

  /** Keeps the density as the background, unless it is itself far above the background (a burst). */
  private void remember() {
    boolean inBurst = backgroundWidth > 0
        && Math.max(count, 0.5) / width > 4 * Math.max(backgroundCount, 0.5) / backgroundWidth;
    if (width > 0 && fullInARow == 0 && !inBurst) {
      backgroundCount = count;
      backgroundWidth = width;
      backgroundLastWidth = lastWidth;
    }
  }

  /** The log-likelihood of {@code chats} chats in {@code seconds} at their own rate (constants dropped). */
  private static double logLikelihood(int chats, long seconds) {
    return chats == 0 ? 0 : chats * Math.log(chats / (double) seconds) - chats;
  }

  private void reset(long seconds, double chats) {
    count = chats;
    width = seconds;
    lastWidth = seconds;
  }

  /**
   * Whether windows can be planned ahead of the answers in flight: only while the last answer held
   * about what the density predicted, and the map has not shown the density to be out of date;
   * not while a full window is being narrowed, where each answer decides the next window.
   */
  boolean settled(long start, int ahead, int page) {
    if (!steady || stale || fullInARow > 0 || (regionEnd != Long.MIN_VALUE && start < regionEnd)) {
      return false;
    }
    // Nor when the map, over the windows that would be in flight, hints at a change of density
    // (a burst ending or beginning): those windows wait for the answers before them.
    double density = Math.max(count, 0.5) / width;
    long horizon = start + (long) Math.min(1e12, ahead * target(page, count, margin) / density);
    long covered = Long.MIN_VALUE;
    for (Level level : levels) {
      if (level.calibrated() && level.start <= start) {
        covered = Math.max(covered, level.end);
      }
    }
    return covered <= start || estimate(start, Math.min(horizon, covered), 2)[2] == 0;
  }

  /** The end second of the next window from {@code start}, with {@code page} as its limit; at least start + 1. */
  long nextEnd(long start, int page) {
    lastFromSample = false;
    if (width == 0) {
      return Long.MAX_VALUE;
    }
    levels.removeIf(level -> level.end <= start || misled);
    boolean inRegion = regionEnd != Long.MIN_VALUE && start < regionEnd;
    double density = Math.max(count, 0.5) / width;
    if (inRegion && (region == null || !region.calibrated())) {
      // (With calibrated times the map knows where the region's chats are.)
      density = Math.max(density, regionKnown / (regionEnd - start + 1));
    }
    double target = target(page, count, margin);
    double seconds = target / density - 1;
    if (fullInARow == 0 && !inRegion) {
      seconds = Math.min(seconds, lastWidth * MAX_GROWTH);
    }
    long end = start + (long) Math.max(1, Math.min(seconds, 1e15));
    if (inRegion && region != null && !region.calibrated()) {
      double aim = target;
      if (region.nearlyAll) {
        // The chats behind the times taken vary only by the few the answer left out.
        aim = page - margin * Math.sqrt(page * (region.guess - 1) + 1);
      }
      long fromSample = fromSample(start, aim);
      if (fromSample != Long.MIN_VALUE) {
        if (sampledFullInARow >= 2) {
          // The samples keep landing full (a server that returns the newest chats first): halve too.
          fromSample = Math.min(fromSample, start + Math.max(1, (regionEnd - start) / 2));
        }
        lastFromSample = true;
        return fromSample;
      }
      return end;
    }
    long chosen = mapped(start, end, density, page);
    return chosen;
  }

  /** The end that takes in as many of the region's times as make {@code target} chats, or MIN_VALUE. */
  private long fromSample(long start, double target) {
    long[] sample = region.times;
    int first = region.firstAtOrAfter(start);
    int ahead = sample.length - first;
    int take = (int) Math.floor(target / region.perPoint());
    if (take < 1 || take >= ahead) {
      // Denser than the sample resolves, or the rest of the region holds less than a window.
      return Long.MIN_VALUE;
    }
    // End just before the first time not taken, so its second is left for the next window.
    return Math.max(start + 1, region.times[first + take] - 1);
  }

  /**
   * The largest end whose count stays below the page by the margin, the count estimated from the
   * density and the map together (each weighted by how sharp it is), or from the map alone where
   * the two disagree (a burst ahead, a quiet stretch after one); from the density alone past the
   * map, or where it covers nothing ({@code end}).
   */
  private long mapped(long start, long end, double density, int page) {
    long covered = Long.MIN_VALUE;
    for (Level level : levels) {
      if (level.calibrated() && level.start <= start) {
        covered = Math.max(covered, level.end);
      }
    }
    if (covered <= start) {
      return end;
    }
    // Monotone in the end (near enough): search it.
    long low = start;
    long high = Math.max(end, covered) + (end - start);
    while (low < high) {
      long middle = low + (high - low + 1) / 2;
      double[] estimate = combined(start, middle, covered, density);
      if (estimate[0] + margin * Math.sqrt(estimate[1]) <= page) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    double[] atEnd = estimate(start, Math.min(Math.max(low, end), covered));
    if (atEnd[2] != 0) {
      // The density is out of date: plan nothing more ahead on it.
      stale = true;
    }
    if (low > start) {
      return low;
    }
    if (atEnd[2] > 0) {
      // A burst ahead that the map is too coarse to size a window into: stop before its first time.
      return Math.max(start + 1, Math.min(end, (long) atEnd[3] - 1));
    }
    return start + 1;
  }

  /**
   * The count of [from, to]: {mean, variance}. Up to {@code covered} the density's and the map's
   * estimates weighted by their inverse variances, or the map's where the two disagree; past it,
   * the density's.
   */
  private double[] combined(long from, long to, long covered, double density) {
    long last = Math.min(to, covered);
    double[] map = estimate(from, last);
    double part = density * (last - from + 1);
    // (Neither is known exactly: a map of nearly all of a span's chats comes close.)
    double partVariance = Math.max(part + part * part / Math.max(count, 1), 1e-6);
    map[1] = Math.max(map[1], 1e-6);
    double mean;
    double variance;
    if (map[2] != 0) {
      mean = map[0];
      variance = map[1];
    } else {
      variance = 1 / (1 / partVariance + 1 / map[1]);
      mean = variance * (part / partVariance + map[0] / map[1]);
    }
    if (to > covered) {
      double beyond = density * (to - covered);
      mean += beyond;
      variance += beyond + beyond * beyond / Math.max(count, 1);
    }
    return new double[] {mean, variance};
  }

  /**
   * The map's count of [{@code from}, {@code to}], each part from the calibrated level that
   * resolves it best: {mean, variance, whether some level's times there are far more (1) or far
   * fewer (-1) than the density predicts (else 0), the first of those times after from}. Every part
   * must be covered.
   */
  private double[] estimate(long from, long to) {
    return estimate(from, to, 4);
  }

  /** As {@link #estimate(long, long)}, with the verdict at {@code sigmas} standard deviations. */
  private double[] estimate(long from, long to, double sigmas) {
    double mean = 0;
    double variance = 0;
    double unseen = 0;
    double verdict = 0;
    double firstTime = Long.MAX_VALUE;
    double density = Math.max(count, 0.5) / width;
    long at = from;
    while (at <= to) {
      Level best = null;
      for (Level level : levels) {
        if (level.calibrated() && level.start <= at && at <= level.end
            && (best == null || level.perPoint() < best.perPoint())) {
          best = level;
        }
      }
      if (best == null) {
        break;
      }
      long partEnd = Math.min(to, best.end);
      int points = best.count(at, partEnd);
      double perPoint = best.perPoint();
      double part = perPoint * points;
      mean += part;
      // The times are a random sample of the level's chats: the chats behind `points` times vary
      // by points * perPoint * (perPoint - 1) (drawn without replacement), and perPoint itself was
      // measured from best.points times.
      variance += perPoint * (perPoint - 1) * points + part * part * (1 - 1 / perPoint) / best.points;
      unseen = Math.max(unseen, perPoint - 1);
      // In the level's own terms: how many of its times the density's count would show there.
      double expectedChats = density * (partEnd - at + 1);
      double expectedPoints = expectedChats / perPoint;
      double spread = Math.sqrt(expectedPoints
          + (expectedChats * expectedChats / Math.max(count, 1) + part * part / best.points) / (perPoint * perPoint));
      if (points > expectedPoints + sigmas * spread + 2) {
        if (verdict == 0) {
          verdict = 1;
          firstTime = best.times[best.firstAtOrAfter(at)];
        }
      } else if (points < expectedPoints - sigmas * spread - 1 && verdict == 0) {
        verdict = -1;
      }
      at = partEnd + 1;
    }
    // A stretch may hold chats that no time of the sample shows: about one time's worth more,
    // with as much spread (an empty stretch is not known to be empty).
    return new double[] {mean + unseen, variance + unseen * (unseen + 1), verdict, firstTime};
  }

  /** The calibrated levels' count of [from, to], or null when some part has none. */
  private double[] sampled(long from, long to) {
    long at = from;
    while (at <= to) {
      long reach = Long.MIN_VALUE;
      for (Level level : levels) {
        if (level.calibrated() && level.start <= at && at <= level.end) {
          reach = Math.max(reach, level.end);
        }
      }
      if (reach == Long.MIN_VALUE) {
        return null;
      }
      at = reach + 1;
    }
    return estimate(from, to);
  }

  /**
   * The count to aim for: {@code page} less a margin for the spread of a count around its
   * expectation (Poisson) and for the error of the density estimate (relative 1/sqrt(chats seen)).
   */
  static double target(int page, double seen, double margin) {
    double relativeError2 = 1 / Math.max(seen, 1);
    double aim = page * 0.8;
    for (int i = 0; i < 8; i++) {
      aim = page - margin * Math.sqrt(aim * (1 + aim * relativeError2));
      aim = Math.max(aim, Math.min(1, page * 0.5));
    }
    return aim;
  }

  /** The returned times of one full window, and how many chats each stands for. */
  private static final class Level {
    final long start;
    final long end;
    /** Sorted. */
    final long[] times;
    /** Chats per time assumed until windows inside the span measure it. */
    final double guess;
    /** Chats per time in the last window that held three of the times at least; 0 before. */
    double lastPerPoint;
    /** Whether windows came back with counts the times cannot explain. */
    boolean misleading;
    /** Whether the times are nearly all of the span's chats (a window full by chance). */
    boolean nearlyAll;
    /** Chats of the complete windows inside the span, and how many of the times they cover. */
    double chats;
    int points;

    Level(long start, long end, long[] times, double guess) {
      this.start = start;
      this.end = end;
      this.times = times;
      this.guess = guess;
    }

    void observe(long from, long to, int found) {
      if (from >= start && to <= end) {
        int taken = count(from, to);
        if (chats > 0 && found > 0) {
          // A random sample of the span's chats takes the same share of every window's chats.
          double share = (points + taken) / (chats + found);
          double expected = found * share;
          double variance = expected * (1 - share) * chats / (chats + found);
          if (Math.abs(taken - expected) > 5 * Math.sqrt(variance) + 2) {
            // Not a random sample (a server that answers in time order, or filters on another
            // time): the times do not say where the chats are.
            misleading = true;
          }
        }
        chats += found;
        points += taken;
        if (taken >= 3) {
          lastPerPoint = Math.max(1, (double) found / taken);
        }
      }
    }

    /** A window inside the span came back full: its times there should show about a page. */
    void full(long from, long to, int limit) {
      if (calibrated() && from >= start && to <= end) {
        if (count(from, to) < limit / perPoint() - 5 * spread(limit) - 2) {
          misleading = true;
        }
      }
    }

    /**
     * How far the number of times among {@code chats} chats may be from chats / perPoint: the
     * sampling, and the error of perPoint itself.
     */
    private double spread(double chats) {
      double expected = chats / perPoint();
      return Math.sqrt(expected + 1 + expected * expected * (1 - 1 / perPoint()) / points);
    }

    /** Measured once three times fell in complete windows, and not found misleading; a guess before. */
    boolean calibrated() {
      return points >= 3 && !misleading;
    }

    double perPoint() {
      if (misleading) {
        // Only the last window's own times say anything.
        return lastPerPoint > 0 ? lastPerPoint : guess;
      }
      return points > 0 ? Math.max(1, chats / points) : Math.max(guess, chats);
    }

    int firstAtOrAfter(long second) {
      int index = Arrays.binarySearch(times, second);
      if (index < 0) {
        return -index - 1;
      }
      while (index > 0 && times[index - 1] == second) {
        index--;
      }
      return index;
    }

    /** How many times lie in [from, to]. */
    int count(long from, long to) {
      return firstAtOrAfter(to + 1) - firstAtOrAfter(from);
    }
  }
}
