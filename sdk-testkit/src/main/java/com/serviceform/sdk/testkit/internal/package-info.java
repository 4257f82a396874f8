/** The sandbox's implementation. Not an API: anything here may change without notice. */
package com.serviceform.sdk.testkit.internal;
