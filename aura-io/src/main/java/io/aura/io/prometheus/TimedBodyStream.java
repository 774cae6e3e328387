package io.aura.io.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The body of an HTTP answer as an {@link InputStream} whose reads wait at most a read timeout for
 * the next bytes. The JDK's {@code BodyHandlers.ofInputStream()} blocks without limit once the
 * headers have arrived, so a server that sends the headers and part of the body and then falls
 * silent would hang the caller; this stream throws {@link Stalled} instead and cancels the transfer
 * (which closes the connection).
 *
 * <p>Demand is one buffer list at a time: at most one list is queued while another is being read,
 * so memory stays bounded whatever the answer's size. Not thread-safe for reading (one reader
 * thread); the subscriber side is called by the HTTP client's threads.
 */
final class TimedBodyStream extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
  /** No bytes arrived within the read timeout. */
  static final class Stalled extends IOException {
    private static final long serialVersionUID = 1L;

    Stalled(String message) {
      super(message);
    }
  }

  /** The reading thread was interrupted (its interrupt flag is set again). */
  static final class Interrupted extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    Interrupted(String message) {
      super(message);
    }
  }

  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final long timeoutNanos;
  private final Duration timeout;
  private final Object lock = new Object();
  private Flow.Subscription subscription;
  private boolean cancelled;
  private Iterator<ByteBuffer> lists;
  private ByteBuffer buffer;
  private boolean ended;
  private boolean closed;

  TimedBodyStream(Duration readTimeout) {
    this.timeout = readTimeout;
    this.timeoutNanos = readTimeout.toNanos();
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    boolean cancelNow;
    synchronized (lock) {
      subscription = s;
      cancelNow = cancelled;
    }
    if (cancelNow) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    queue.add(item);
  }

  @Override
  public void onError(Throwable t) {
    queue.add(t);
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("the answer's stream is closed");
    }
    if (len == 0) {
      return 0;
    }
    while (buffer == null || !buffer.hasRemaining()) {
      if (lists != null && lists.hasNext()) {
        buffer = lists.next();
        continue;
      }
      if (ended) {
        return -1;
      }
      Object next;
      try {
        next = queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancel();
        throw new Interrupted("interrupted while reading the answer");
      }
      if (next == null) {
        cancel();
        throw new Stalled("no bytes of the answer arrived within the read timeout of " + timeout);
      }
      if (next == END) {
        ended = true;
        return -1;
      }
      if (next instanceof Throwable) {
        ended = true;
        Throwable t = (Throwable) next;
        throw t instanceof IOException ? (IOException) t : new IOException(t.getMessage(), t);
      }
      @SuppressWarnings("unchecked")
      List<ByteBuffer> l = (List<ByteBuffer>) next;
      lists = l.iterator();
      Flow.Subscription s;
      synchronized (lock) {
        s = subscription;
      }
      s.request(1); // non-null: an item only arrives after onSubscribe
    }
    int n = Math.min(len, buffer.remaining());
    buffer.get(b, off, n);
    return n;
  }

  @Override
  public int available() {
    return buffer == null ? 0 : buffer.remaining();
  }

  private void cancel() {
    Flow.Subscription s;
    synchronized (lock) {
      cancelled = true;
      s = subscription;
    }
    if (s != null) {
      s.cancel();
    }
  }

  /** Cancels the transfer if it has not ended, so that the connection is not left half-read. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (!ended) {
        cancel();
      }
      queue.clear();
      buffer = null;
      lists = null;
    }
  }
}
