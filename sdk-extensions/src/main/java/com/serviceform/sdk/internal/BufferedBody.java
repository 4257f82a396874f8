package com.serviceform.sdk.internal;

import feign.Response;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;

/** A response body already read into memory; the decoder reads {@link #buffered()} without a copy. */
final class BufferedBody implements Response.Body, BufferedBytes {
  private final ResponseBytes bytes;

  BufferedBody(ResponseBytes bytes) {
    this.bytes = bytes;
  }

  @Override
  public ResponseBytes buffered() {
    return bytes;
  }

  @Override
  public Integer length() {
    return TransportBody.knownLength(bytes.size());
  }

  @Override
  public boolean isRepeatable() {
    return true;
  }

  @Override
  public InputStream asInputStream() {
    return bytes.stream();
  }

  @Override
  public Reader asReader(Charset charset) {
    return new InputStreamReader(asInputStream(), charset);
  }

  @Override
  public void close() {}
}
