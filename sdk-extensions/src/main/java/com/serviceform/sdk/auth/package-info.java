/** Authentication: the {@code sf-api-key} header. */
package com.serviceform.sdk.auth;
