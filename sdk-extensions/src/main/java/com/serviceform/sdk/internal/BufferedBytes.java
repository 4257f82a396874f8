package com.serviceform.sdk.internal;

/** A response body held in memory; {@link #buffered()} is null until it is. */
interface BufferedBytes {
  ResponseBytes buffered();
}
