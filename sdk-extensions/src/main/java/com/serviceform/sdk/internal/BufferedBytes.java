package com.serviceform.sdk.internal;

/** A response body held in memory; {@link #bytes()} is null until it is. */
interface BufferedBytes {
  byte[] bytes();
}
