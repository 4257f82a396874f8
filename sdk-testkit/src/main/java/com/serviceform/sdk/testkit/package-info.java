/**
 * The Serviceform testkit: {@link com.serviceform.sdk.testkit.ServiceformSandbox}, a stateful,
 * spec-validating fake of the Serviceform Public API on loopback; the JUnit 5 extension {@link
 * com.serviceform.sdk.testkit.ServiceformSandboxTest}; fault injection ({@link
 * com.serviceform.sdk.testkit.SandboxFaults}); seed data ({@link
 * com.serviceform.sdk.testkit.SandboxData}); the reusable {@link
 * com.serviceform.sdk.testkit.SpecValidator}; and the standalone {@link
 * com.serviceform.sdk.testkit.Main}. See docs/testing.md.
 */
package com.serviceform.sdk.testkit;
