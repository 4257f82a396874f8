/**
 * OpenTelemetry tracing for the Serviceform SDK: {@link com.serviceform.sdk.opentelemetry.ServiceformTracing}.
 */
package com.serviceform.sdk.opentelemetry;
