/** Typed access to the custom fields items carry, keyed by each space field's {@code machine} name. */
package com.serviceform.sdk.fields;
