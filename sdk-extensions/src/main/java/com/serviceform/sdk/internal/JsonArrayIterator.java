package com.serviceform.sdk.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.errors.ServiceformIOException;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Decodes a JSON array response element by element, so memory stays flat however large the array.
 * Closing it (or reaching the end) closes the response, which releases the connection; closing
 * early discards the connection rather than reading the rest.
 */
final class JsonArrayIterator<T> implements Iterator<T>, AutoCloseable {
  /** What may follow the closing bracket (whitespace) is read, up to this much, to reach the end. */
  private static final int MAX_TRAILING_BYTES = 64 * 1024;

  private final Response response;
  private final Request request;
  private final InputStream body;
  private final MappingIterator<T> elements;
  private final Function<IOException, RuntimeException> ioFailure;
  private final Redactor redactor;
  private boolean closed;

  private JsonArrayIterator(Response response, InputStream body, MappingIterator<T> elements,
      Function<IOException, RuntimeException> ioFailure, Redactor redactor) {
    this.response = response;
    this.request = response.request();
    this.body = body;
    this.elements = elements;
    this.ioFailure = ioFailure;
    this.redactor = redactor;
  }

  /**
   * Opens the array in {@code response}; closes the response if the body is not an array.
   *
   * @param ioFailure what a failure to read the body becomes (a broken connection, a read timeout,
   *     the client closed under the stream)
   * @param redactor hides the key in decode messages, which quote what the server sent
   */
  public static <T> JsonArrayIterator<T> open(Response response, ObjectReader reader,
      Function<IOException, RuntimeException> ioFailure, Redactor redactor) {
    Request request = response.request();
    try {
      InputStream body = response.body() == null ? InputStream.nullInputStream() : response.body().asInputStream();
      JsonParser parser = reader.getFactory().createParser(body);
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_ARRAY) {
        parser.close();
        throw new ResponseDecodeException(response.status(), "",
            "HTTP " + response.status() + " had " + (first == null ? "an empty body" : first == JsonToken.VALUE_NULL
                ? "JSON null" : "a JSON " + first) + " where a JSON array was expected", null);
      }
      // As Jackson does for a root array it opened itself: step inside, read the elements as a sequence.
      parser.clearCurrentToken();
      return new JsonArrayIterator<>(response, body, reader.readValues(parser), ioFailure, redactor);
    } catch (JsonProcessingException e) {
      closeQuietly(response);
      throw decodeFailure(response.status(), e, redactor);
    } catch (IOException e) {
      closeQuietly(response);
      throw ioFailure.apply(e);
    } catch (RuntimeException e) {
      closeQuietly(response);
      throw e;
    }
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    try {
      if (elements.hasNextValue()) {
        return true;
      }
      reachEnd();
    } catch (IOException e) {
      close();
      throw failure(e);
    }
    close();
    return false;
  }

  /**
   * Reads past the closing bracket to the end of the body: only a body read to its end lets the
   * JDK client keep the connection (Apache HttpClient releases it at the end, too).
   */
  private void reachEnd() throws IOException {
    long skipped = 0;
    byte[] buffer = new byte[512];
    int n;
    while (skipped < MAX_TRAILING_BYTES && (n = body.read(buffer)) != -1) {
      skipped += n;
    }
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    try {
      return elements.nextValue();
    } catch (IOException e) {
      close();
      throw failure(e);
    }
  }

  private RuntimeException failure(IOException e) {
    if (e instanceof JsonProcessingException) {
      return decodeFailure(response.status(), (JsonProcessingException) e, redactor);
    }
    return ioFailure.apply(e);
  }

  private static ResponseDecodeException decodeFailure(int status, JsonProcessingException e, Redactor redactor) {
    return new ResponseDecodeException(status, "",
        "HTTP " + status + " had an element that is not the documented JSON: "
            + redactor.redact(e.getOriginalMessage()), redactor.scrub(e));
  }

  /** A sequential stream over the elements; closing the stream closes this. */
  public Stream<T> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
        false).onClose(this::close);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // The response first: closing only the parser's stream would make Apache HttpClient read the
    // rest of a large body to keep the connection; closing the response discards it instead.
    closeQuietly(response);
    try {
      elements.close();
    } catch (IOException | RuntimeException ignored) {
      // The connection is already gone.
    }
  }

  private static void closeQuietly(Response response) {
    if (response.body() != null) {
      try {
        response.body().close();
      } catch (IOException ignored) {
        // The connection is discarded either way.
      }
    }
  }
}
