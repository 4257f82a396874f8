/**
 * Implementation details of the SDK. Nothing here is API: it may change in any release, and the
 * binary-compatibility gate does not check it.
 */
package com.serviceform.sdk.internal;
