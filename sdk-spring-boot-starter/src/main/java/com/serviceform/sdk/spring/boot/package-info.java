/**
 * Spring Boot auto-configuration of a {@link com.serviceform.sdk.ServiceformClient} bean from the
 * {@code serviceform.*} properties.
 */
package com.serviceform.sdk.spring.boot;
