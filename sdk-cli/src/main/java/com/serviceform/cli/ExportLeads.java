package com.serviceform.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Lead;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code serviceform export leads}. */
@Command(name = "leads", mixinStandardHelpOptions = true, description = "Every lead of the account.")
final class ExportLeads implements Callable<Integer> {
  @Mixin
  Connection connection;

  @Mixin
  OutputOptions output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ObjectNode export = ExportFile.MAPPER.createObjectNode().put("records", "leads");
    return ExportList.run(spec, connection, output, export, "leads", ServiceformClient::streamLeads, Lead::getId);
  }
}
