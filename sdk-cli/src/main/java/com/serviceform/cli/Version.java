package com.serviceform.cli;

import com.serviceform.sdk.ServiceformClient;
import picocli.CommandLine.IVersionProvider;

/** The SDK's version, from its jar. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = ServiceformClient.class.getPackage().getImplementationVersion();
    return new String[] {"serviceform " + (version == null ? "(development build)" : version)};
  }
}
