/**
 * What a client does, as it does it: an {@link com.serviceform.sdk.events.EventListener} registered
 * on {@code ServiceformClient.Builder} sees each call start and end, each attempt, each retry and
 * its delay, circuit-breaker transitions, waits for a pooled connection, decode failures and,
 * with response validation on, where answers differ from the spec. Events are immutable values;
 * none holds the API key. See {@code docs/observability.md}.
 */
package com.serviceform.sdk.events;
