/**
 * Micrometer metrics for the Serviceform SDK: {@link com.serviceform.sdk.micrometer.ServiceformMetrics}.
 */
package com.serviceform.sdk.micrometer;
