/**
 * The exceptions the SDK throws. All are unchecked and extend {@link
 * com.serviceform.sdk.errors.ServiceformException}; see {@code docs/errors.md} for what to do about
 * each.
 */
package com.serviceform.sdk.errors;
