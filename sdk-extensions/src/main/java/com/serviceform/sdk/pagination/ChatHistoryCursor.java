package com.serviceform.sdk.pagination;

import com.serviceform.sdk.errors.ChatRequestBudgetException;
import com.serviceform.sdk.errors.ChatWindowOverflowException;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.internal.ChatWindowSource;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One export of a {@link ChatHistory}: an iterator that fetches windows as it is consumed. Not
 * thread-safe (with {@code concurrency > 1} the fetching runs on threads of its own, but the
 * cursor is used from one thread). After {@link #close()} it fetches nothing more.
 */
public final class ChatHistoryCursor implements Iterator<Chat>, AutoCloseable {
  private static final AtomicInteger EXPORTS = new AtomicInteger();

  private final ChatWindowSource source;
  private final ChatQuery filters;
  private final OffsetDateTime rangeEnd;
  private final int pageSize;
  private final int maxPageSize;
  private final OverflowPolicy overflowPolicy;
  private final int maxRequests;
  private final int concurrency;
  private final boolean capConfigured;
  /** The most chats the server returns per request, configured or learned; 0 while unknown. */
  private int pageCap;

  /** Windows not yet consumed, in time order: they cover the range from the current one on. */
  private final List<Slot> slots = new ArrayList<>();
  /** The end of the last window planned; windows after it are planned as capacity frees up. */
  private OffsetDateTime frontier;
  /** No window is planned any more: one failed, or the budget ran out. */
  private boolean planningStopped;
  private final WindowSizer sizer;
  /** Some answer held its full limit: the server returns at least a page, no cap to look for. */
  private boolean fullSeen;
  private boolean capChecked;

  private final BlockingQueue<Slot> completions = new LinkedBlockingQueue<>();
  private ThreadPoolExecutor executor;
  private int inFlight;

  private final SeenChats seen = new SeenChats();
  private Iterator<Chat> page = Collections.emptyIterator();
  private Slot current;
  private final List<ChatWindow> overflowed = new ArrayList<>();
  private volatile int requests;
  private volatile OffsetDateTime completedThrough;
  private volatile int completedWindows;
  private boolean budgetReached;
  private boolean closed;

  ChatHistoryCursor(ChatWindowSource source, ChatQuery filters, OffsetDateTime start, OffsetDateTime end,
      int pageSize, int maxPageSize, OverflowPolicy overflowPolicy, int serverPageCap, int maxRequests,
      int concurrency) {
    this.source = source;
    this.filters = filters;
    this.rangeEnd = end;
    this.pageSize = pageSize;
    this.maxPageSize = maxPageSize;
    this.overflowPolicy = overflowPolicy;
    this.maxRequests = maxRequests;
    this.concurrency = concurrency;
    this.capConfigured = serverPageCap > 0;
    this.pageCap = serverPageCap;
    this.sizer = new WindowSizer(concurrency > 1 ? WindowSizer.MARGIN_AHEAD : WindowSizer.MARGIN);
    slots.add(new Slot(start, end, page()));
    frontier = end;
  }

  @Override
  public boolean hasNext() {
    while (!page.hasNext()) {
      if (current != null) {
        completedThrough = current.end;
        completedWindows++;
        current = null;
      }
      if (closed || !advance()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Chat next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.next();
  }

  /** How many {@code POST /chats} requests this export has made so far. */
  public int requestCount() {
    return requests;
  }

  /** Windows that were still full at the largest page, under {@link OverflowPolicy#REPORT}. */
  public List<ChatWindow> overflowedWindows() {
    return List.copyOf(overflowed);
  }

  /**
   * The end of the last window whose chats {@link #next()} has all returned: an export started
   * there misses nothing of what this one has not returned yet. Empty until the first window is
   * done.
   */
  public Optional<OffsetDateTime> completedThrough() {
    return Optional.ofNullable(completedThrough);
  }

  /** How many windows {@link #next()} has returned every chat of. */
  public int completedWindows() {
    return completedWindows;
  }

  /** The most chats the server returns per request: as configured, or as detected; empty if neither. */
  public OptionalInt serverPageCap() {
    return pageCap > 0 ? OptionalInt.of(pageCap) : OptionalInt.empty();
  }

  /** Whether the export ended early at {@code maxRequests}, under {@link OverflowPolicy#REPORT}. */
  public boolean requestBudgetReached() {
    return budgetReached;
  }

  /** How many cids the export remembers to keep returning each once (for tests of its memory). */
  int rememberedCids() {
    return seen.size();
  }

  /** Stops the export: nothing more is fetched, and windows in flight are abandoned. */
  @Override
  public void close() {
    closed = true;
    for (Slot slot : slots) {
      slot.cancel();
    }
    slots.clear();
    inFlight = 0;
    page = Collections.emptyIterator();
    current = null;
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Consuming windows in order

  /** Makes the first window current, fetching as needed; false when the export is over. */
  private boolean advance() {
    while (true) {
      if (slots.isEmpty() && (planningStopped || !frontier.isBefore(rangeEnd))) {
        close();
        return false;
      }
      // With windows fetched ahead, the place of the window just read is taken now, before the next
      // is read: were it taken only once the consumer waits, each fetch thread would idle while the
      // windows answered before it are read, and the windows would go out in bursts of k.
      if (concurrency > 1) {
        processCompleted(completions.poll());
      }
      boolean launched = concurrency > 1 && launch();
      Slot head = slots.isEmpty() ? null : slots.get(0);
      if (head == null) {
        // Nothing planned yet beyond the windows consumed: launch() plans the next.
      } else if (head.state == State.DONE && head.verification == null) {
        slots.remove(0);
        current = head;
        page = seen.fresh(head.start, head.chats);
        head.chats = null;
        return true;
      } else if (head.state == State.FAILED) {
        Throwable failure = head.failure;
        close();
        throw rethrow(failure);
      } else if (head.state == State.OVER_BUDGET) {
        close();
        if (overflowPolicy == OverflowPolicy.FAIL) {
          throw new ChatRequestBudgetException(maxRequests, completedThrough);
        }
        budgetReached = true;
        return false;
      }
      launched |= launch();
      if (concurrency > 1 && inFlight > 0) {
        awaitCompletion();
      } else if (!launched) {
        throw new IllegalStateException("chat export stalled at " + head);
      }
    }
  }

  /** Starts fetches while fewer than {@code concurrency} windows are in flight or waiting to be read. */
  private boolean launch() {
    boolean progressed = false;
    while (inFlight + waitingWindows() < concurrency || makeRoom()) {
      Slot next = nextToFetch();
      if (next == null) {
        break;
      }
      progressed = true;
      if (requests >= maxRequests) {
        next.state = State.OVER_BUDGET;
        stopAfter(next);
        break;
      }
      requests++;
      if (concurrency == 1) {
        next.state = State.IN_FLIGHT;
        fetch(next);
        process(next);
      } else {
        next.state = State.IN_FLIGHT;
        inFlight++;
        next.task = executor().submit(() -> {
          fetch(next);
          completions.add(next);
        });
      }
    }
    return progressed;
  }

  private int waitingWindows() {
    int waiting = 0;
    for (Slot slot : slots) {
      if (slot.state == State.DONE && slot.verification == null) {
        waiting++;
      }
    }
    return waiting;
  }

  /**
   * Drops the answer of the last window, to be asked again, when a piece of a window cut before it
   * cannot be sent otherwise. The windows after a full one are often answered by then: without room
   * the pieces would go one at a time, each waited for while the other fetch threads idle (the
   * export's longest stalls), where one more request lets them go at once. Only the last window,
   * once it has answered: while it is in flight its answer comes soon, and dropping one before it
   * would hold the ones after for another round (as the one asked again is read before them).
   */
  private boolean makeRoom() {
    if (concurrency == 1) {
      return false;
    }
    int first = -1;
    for (int i = 0; i < slots.size() && first < 0; i++) {
      Slot slot = slots.get(i);
      if (slot.state == State.PLANNED || slot.state == State.HOLE && slot.hole.piece == null) {
        first = i;
      }
    }
    if (first < 0 || slots.get(first).cut == null) {
      return false;
    }
    int last = slots.size() - 1;
    while (last > first && slots.get(last).state == State.PLANNED) {
      last--;
    }
    Slot held = slots.get(last);
    if (last == first || held.state != State.DONE || held.verification != null || held.hole != null
        || held.chats == null) {
      return false;
    }
    Slot again = new Slot(held.start, held.end, held.limit);
    again.observed = true;
    slots.set(last, again);
    return true;
  }

  private Slot nextToFetch() {
    for (int i = 0; i < slots.size(); i++) {
      Slot slot = slots.get(i);
      if (slot.state == State.PLANNED) {
        return slot;
      }
      if (slot.state == State.HOLE && slot.hole.piece == null) {
        return planPiece(i);
      }
    }
    if (planningStopped || !frontier.isBefore(rangeEnd)
        || (inFlight > 0 && !sizer.settled(frontier.toEpochSecond(), inFlight + 1, page()))) {
      return null;
    }
    OffsetDateTime start = frontier;
    frontier = plan(sizer, start, rangeEnd);
    Slot planned = new Slot(start, frontier, page());
    slots.add(planned);
    return planned;
  }

  /** The next window of the hole at {@code index}, placed before it (the hole goes once covered). */
  private Slot planPiece(int index) {
    Slot holeSlot = slots.get(index);
    Hole hole = holeSlot.hole;
    OffsetDateTime end = plan(hole.sizer, hole.start, holeSlot.end);
    Slot piece = new Slot(hole.start, end, page());
    piece.hole = hole;
    hole.piece = piece;
    hole.start = end;
    slots.add(index, piece);
    if (!end.isBefore(holeSlot.end)) {
      slots.remove(holeSlot);
    }
    return piece;
  }

  private void awaitCompletion() {
    Slot done;
    try {
      done = completions.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new ServiceformException("interrupted while waiting for a chat window", e, 0);
    }
    processCompleted(done);
  }

  /** Processes {@code done} (unless null) and every other window answered by now. */
  private void processCompleted(Slot done) {
    while (done != null) {
      if (!done.cancelled) {
        inFlight--;
        process(done);
      }
      done = completions.poll();
    }
  }

  private ThreadPoolExecutor executor() {
    if (executor == null) {
      int export = EXPORTS.incrementAndGet();
      AtomicInteger threads = new AtomicInteger();
      executor = new ThreadPoolExecutor(concurrency, concurrency, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
          task -> {
            Thread thread = new Thread(task, "serviceform-chat-history-" + export + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
      // An abandoned export's threads end on their own.
      executor.allowCoreThreadTimeOut(true);
    }
    return executor;
  }

  // ---------------------------------------------------------------------------------------------
  // Fetching one window (on a fetch thread when concurrent)

  private void fetch(Slot slot) {
    ChatQuery query = new ChatQuery().uid(filters.getUid()).chatbot(filters.getChatbot())
        .showMessages(filters.getShowMessages()).startTime(slot.start).endTime(slot.end).limit(slot.limit);
    try (ChatWindowSource.Chats answer = source.open(query)) {
      slot.open = answer;
      if (slot.cancelled) {
        return;
      }
      List<Chat> chats = new ArrayList<>(Math.min(slot.limit, 256));
      while (chats.size() < slot.limit && answer.hasNext()) {
        chats.add(answer.next());
      }
      if (chats.size() == slot.limit) {
        // Reads only the next token: the end of a full answer (so its connection is reused), or
        // the start of a chat beyond the limit, whose answer is then discarded unread.
        answer.hasNext();
      }
      slot.chats = chats;
    } catch (RuntimeException | Error e) {
      slot.failure = e;
    } finally {
      slot.open = null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Interpreting answers and planning windows (on the consuming thread)

  private void process(Slot slot) {
    if (slot.failure != null) {
      slot.state = State.FAILED;
      Verification verification = slot.verification;
      if (verification != null) {
        verification.release();
        for (Slot other : verification.children()) {
          if (other != slot && other.state == State.DONE) {
            interpret(other);
          }
        }
      }
      stopAfter(slot);
      return;
    }
    if (slot.chats.size() >= slot.limit) {
      fullSeen = true;
    }
    slot.state = State.DONE;
    if (slot.verification != null) {
      judge(slot.verification);
      return;
    }
    interpret(slot);
  }

  /** A window's answer, now that nothing else is pending on it. */
  private void interpret(Slot slot) {
    int count = slot.chats.size();
    if (count >= fullAt(slot.limit)) {
      narrow(slot);
      return;
    }
    if (!capChecked && pageCap == 0 && !fullSeen && count > 0 && middle(slot.start, slot.end) != null) {
      checkCap(slot);
      return;
    }
    slot.state = State.DONE;
    if (slot.observed) {
      // Asked again after its answer made room for a cut window's pieces: the sizer has it already.
    } else if (slot.cut != null && !slot.cut.broken) {
      // The pieces of a window full by chance hold its chats between cuts placed by their times, so
      // each alone would misstate the density (most of the excess lands in one): the sizer sees
      // them together, as the window.
      Cut cut = slot.cut;
      cut.add(count);
      if (cut.pending == 0) {
        sizer.observeExcess(cut.start, cut.end, cut.chats);
      }
    } else if (slot.hole != null) {
      slot.hole.sizer.observe(slot.start.toEpochSecond(), slot.end.toEpochSecond(), count, times(slot));
      slot.hole.piece = null;
    } else {
      sizer.observe(slot.start.toEpochSecond(), slot.end.toEpochSecond(), count, times(slot));
    }
  }

  /** A full window: narrowed, or asked with a larger limit, or an overflow. */
  private void narrow(Slot slot) {
    int index = slots.indexOf(slot);
    int fullAt = fullAt(slot.limit);
    OffsetDateTime middle = middle(slot.start, slot.end);
    if (middle == null) {
      int largest = pageCap > 0 ? Math.min(maxPageSize, pageCap) : maxPageSize;
      if (fullAt == slot.limit && slot.limit < largest) {
        Slot again = new Slot(slot.start, slot.end, (int) Math.min(largest, (long) slot.limit * 2));
        again.hole = slot.hole;
        if (again.hole != null) {
          again.hole.piece = again;
        }
        slots.set(index, again);
        return;
      }
      if (overflowPolicy == OverflowPolicy.FAIL) {
        slot.state = State.FAILED;
        slot.failure = new ChatWindowOverflowException(slot.start, slot.end, fullAt);
        slot.chats = null;
        stopAfter(slot);
        return;
      }
      overflowed.add(new ChatWindow(slot.start, slot.end, fullAt));
      slot.state = State.DONE;
      if (slot.hole != null) {
        slot.hole.piece = null;
      }
      return;
    }
    long[] times = times(slot);
    long from = slot.start.toEpochSecond();
    long to = slot.end.toEpochSecond();
    if (slot.cut != null) {
      // Not full by chance after all: the other pieces are seen on their own.
      slot.cut.broken = true;
    }
    if (slot.hole != null) {
      // A window of a hole: its sizer narrows it, and the hole takes its span back.
      Hole hole = slot.hole;
      hole.sizer.full(from, to, fullAt, times);
      hole.piece = null;
      hole.start = slot.start;
      if (slots.contains(hole.slot)) {
        slots.remove(index);
      } else {
        slots.set(index, hole.slot);
      }
      return;
    }
    if (index == slots.size() - 1 && slot.end.equals(frontier) && !planningStopped && inFlight == 0) {
      // The newest window, nothing else in flight: plan again from its start, narrower.
      sizer.full(from, to, fullAt, times);
      slots.remove(index);
      frontier = slot.start;
      return;
    }
    long[] cuts = sizer.cuts(from, to, fullAt, times, page());
    if (cuts != null) {
      // Full by chance: its times show where its chats are, so its windows go out at once.
      slots.remove(index);
      OffsetDateTime at = slot.start;
      Cut cut = new Cut(from, to, cuts.length + 1);
      for (long second : cuts) {
        OffsetDateTime next = atSecond(second);
        Slot piece = new Slot(at, next, page());
        piece.cut = cut;
        slots.add(index++, piece);
        at = next;
      }
      Slot piece = new Slot(at, slot.end, page());
      piece.cut = cut;
      slots.add(index, piece);
      return;
    }
    // Windows after it are planned already (or it is half of a cap check): it becomes a hole,
    // covered one window at a time by a sizer of its own that starts from what the export's sizer
    // knows, while the windows after it go on.
    Hole hole = new Hole(sizer.forHole(), slot.start, slot.end);
    hole.sizer.full(from, to, fullAt, times);
    slots.set(index, hole.slot);
  }

  /**
   * The first window that is neither full nor empty, while no answer has held its limit: asks for
   * its halves. If they hold a chat the window did not return, the server caps its answers at the
   * window's count.
   */
  private void checkCap(Slot slot) {
    capChecked = true;
    Verification verification = new Verification(slot.start, slot.end, slot.limit, slot.chats);
    split(slot, verification);
  }

  private void split(Slot slot, Verification verification) {
    OffsetDateTime middle = middle(slot.start, slot.end);
    Slot left = new Slot(slot.start, middle, slot.limit);
    Slot right = new Slot(middle, slot.end, slot.limit);
    left.verification = verification;
    right.verification = verification;
    verification.left = left;
    verification.right = right;
    int index = slots.indexOf(slot);
    slots.set(index, left);
    slots.add(index + 1, right);
  }

  private void judge(Verification verification) {
    Slot left = verification.left;
    Slot right = verification.right;
    if (left.state != State.DONE || right.state != State.DONE) {
      return;
    }
    verification.release();
    if (left.chats.size() >= left.limit || right.chats.size() >= right.limit) {
      interpret(left);
      interpret(right);
      return;
    }
    int count = verification.chats.size();
    if (unseen(left.chats, verification.cids) || unseen(right.chats, verification.cids)) {
      pageCap = count;
      interpret(left);
      interpret(right);
      return;
    }
    // All the window's chats in one half, the other empty: nothing learned yet; ask that half's halves.
    Slot everything = left.chats.size() == count && right.chats.isEmpty() ? left
        : right.chats.size() == count && left.chats.isEmpty() ? right : null;
    if (everything != null && middle(everything.start, everything.end) != null) {
      Slot empty = everything == left ? right : left;
      empty.chats = List.of();
      verification.emptied.add(empty);
      split(everything, verification);
      return;
    }
    // No cap: the window was answered whole. Its own answer stands for its halves.
    slots.removeAll(verification.emptied);
    int index = slots.indexOf(left);
    slots.remove(right);
    Slot whole = new Slot(verification.start, verification.end, verification.limit);
    whole.state = State.DONE;
    whole.chats = verification.chats;
    slots.set(index, whole);
    verification.chats = null;
    sizer.observe(whole.start.toEpochSecond(), whole.end.toEpochSecond(), count, times(whole));
  }

  private static boolean unseen(List<Chat> chats, Set<String> cids) {
    for (Chat chat : chats) {
      if (chat.getCid() != null && !cids.contains(chat.getCid())) {
        return true;
      }
    }
    return false;
  }

  /** The end of a window from {@code start}, sized by {@code sizer}, within a span ending at {@code last}. */
  private OffsetDateTime plan(WindowSizer sizer, OffsetDateTime start, OffsetDateTime last) {
    long startSecond = start.toEpochSecond();
    long lastSecond = last.toEpochSecond();
    long endSecond = sizer.nextEnd(startSecond, page());
    OffsetDateTime end = last;
    if (endSecond < lastSecond) {
      long width = endSecond - startSecond;
      if (lastSecond - startSecond < width + width / 2) {
        // Two even windows rather than a normal one and a sliver.
        endSecond = startSecond + Math.max(1, (lastSecond - startSecond) / 2);
      }
      end = atSecond(endSecond);
      if (!end.isAfter(start) || !end.isBefore(last)) {
        end = last;
      }
    }
    return end;
  }

  /** The {@code changed} times of a window's chats, or null unless every chat has one inside the window. */
  private static long[] times(Slot slot) {
    long first = slot.start.toEpochSecond();
    long last = slot.end.toEpochSecond();
    long[] times = new long[slot.chats.size()];
    for (int i = 0; i < times.length; i++) {
      Long changed = slot.chats.get(i).getChanged();
      if (changed == null || changed < first || changed > last) {
        return null;
      }
      times[i] = changed;
    }
    return times;
  }

  /** After a failed window (or the budget): nothing after it is fetched or planned. */
  private void stopAfter(Slot slot) {
    planningStopped = true;
    int index = slots.indexOf(slot);
    while (slots.size() > index + 1) {
      Slot later = slots.remove(slots.size() - 1);
      if (later.state == State.IN_FLIGHT) {
        inFlight--;
      }
      later.cancel();
    }
  }

  /** The limit of a new window. */
  private int page() {
    return pageCap > 0 ? Math.min(pageSize, pageCap) : pageSize;
  }

  /** How many chats make an answer to {@code limit} full. */
  private int fullAt(int limit) {
    return pageCap > 0 ? Math.min(limit, pageCap) : limit;
  }

  private static RuntimeException rethrow(Throwable failure) {
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    return (RuntimeException) failure;
  }

  static OffsetDateTime atSecond(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC);
  }

  /** The whole second halfway through the window, or null when it is one second wide or less. */
  static OffsetDateTime middle(OffsetDateTime start, OffsetDateTime end) {
    Duration width = Duration.between(start, end);
    if (width.compareTo(Duration.ofSeconds(1)) <= 0) {
      return null;
    }
    OffsetDateTime middle = start.plusSeconds(Math.max(1, width.getSeconds() / 2)).truncatedTo(ChronoUnit.SECONDS)
        .withOffsetSameInstant(ZoneOffset.UTC);
    if (!middle.isAfter(start) || !middle.isBefore(end)) {
      return null;
    }
    return middle;
  }

  // ---------------------------------------------------------------------------------------------

  private enum State { PLANNED, IN_FLIGHT, DONE, FAILED, OVER_BUDGET, HOLE }

  /** One window of the export and what became of it. */
  private static final class Slot {
    final OffsetDateTime start;
    final OffsetDateTime end;
    final int limit;
    /** The hole this window covers part of, or (for a hole's own slot) the hole; null otherwise. */
    Hole hole;
    State state = State.PLANNED;
    List<Chat> chats;
    Throwable failure;
    /** Set while the window is half of a cap check: it waits for the verdict. */
    Verification verification;
    /** The window full by chance this is a piece of: it may take the place of an answer waiting after it. */
    Cut cut;
    /** Asked again after its first answer was dropped: not to be counted twice by the sizer. */
    boolean observed;
    volatile ChatWindowSource.Chats open;
    volatile boolean cancelled;
    Future<?> task;

    Slot(OffsetDateTime start, OffsetDateTime end, int limit) {
      this.start = start;
      this.end = end;
      this.limit = limit;
    }

    void cancel() {
      cancelled = true;
      chats = null;
      ChatWindowSource.Chats answer = open;
      if (answer != null) {
        try {
          answer.close();
        } catch (RuntimeException ignored) {
          // The fetch thread sees its answer end; its result is dropped.
        }
      }
      if (task != null) {
        task.cancel(true);
      }
    }

    @Override
    public String toString() {
      return "window " + start + " .. " + end + " (limit " + limit + ", " + state + ")";
    }
  }

  /**
   * A full window with later windows already planned: its span is covered one window at a time
   * from {@code start}, sized by a sizer of its own.
   */
  private static final class Hole {
    final WindowSizer sizer;
    /** Stands for the part not yet planned, from start to its end, in the export's windows. */
    final Slot slot;
    OffsetDateTime start;
    /** The window of the hole planned or in flight; null when the next may be planned. */
    Slot piece;

    Hole(WindowSizer sizer, OffsetDateTime start, OffsetDateTime end) {
      this.sizer = sizer;
      this.start = start;
      this.slot = new Slot(start, end, 0);
      this.slot.state = State.HOLE;
      this.slot.hole = this;
    }
  }

  /** A window full by chance, cut into pieces sent at once: what its pieces found so far. */
  private static final class Cut {
    final long start;
    final long end;
    int pending;
    int chats;
    /** A piece came back full: the window was not full by chance. */
    boolean broken;

    Cut(long start, long end, int pieces) {
      this.start = start;
      this.end = end;
      this.pending = pieces;
    }

    void add(int count) {
      pending--;
      chats += count;
    }
  }

  /** A cap check in progress: the window's own answer, and its two halves. */
  private static final class Verification {
    final OffsetDateTime start;
    final OffsetDateTime end;
    final int limit;
    final Set<String> cids = new HashSet<>();
    /** Halves found empty on the way down: the window's own answer replaces them too. */
    final List<Slot> emptied = new ArrayList<>();
    List<Chat> chats;
    Slot left;
    Slot right;

    Verification(OffsetDateTime start, OffsetDateTime end, int limit, List<Chat> chats) {
      this.start = start;
      this.end = end;
      this.limit = limit;
      this.chats = chats;
      for (Chat chat : chats) {
        if (chat.getCid() != null) {
          cids.add(chat.getCid());
        }
      }
    }

    List<Slot> children() {
      return List.of(left, right);
    }

    void release() {
      left.verification = null;
      right.verification = null;
    }
  }
}
