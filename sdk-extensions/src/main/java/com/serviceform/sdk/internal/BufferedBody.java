package com.serviceform.sdk.internal;

import feign.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;

/** A response body already read into memory; the decoder reads {@link #bytes()} without a copy. */
final class BufferedBody implements Response.Body, BufferedBytes {
  private final byte[] bytes;

  BufferedBody(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public byte[] bytes() {
    return bytes;
  }

  @Override
  public Integer length() {
    return bytes.length;
  }

  @Override
  public boolean isRepeatable() {
    return true;
  }

  @Override
  public InputStream asInputStream() {
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public Reader asReader(Charset charset) {
    return new InputStreamReader(asInputStream(), charset);
  }

  @Override
  public void close() {}
}
