package com.serviceform.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.serviceform.sdk.model.Item;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serviceform export items --space ID}. */
@Command(name = "items", mixinStandardHelpOptions = true,
    description = "Every item of a flex space, its custom fields included.")
final class ExportItems implements Callable<Integer> {
  @Mixin
  Connection connection;

  @Mixin
  OutputOptions output;

  @Spec
  CommandSpec spec;

  @Option(names = "--space", required = true, paramLabel = "ID", description = "The space's id.")
  String space;

  @Override
  public Integer call() throws Exception {
    ObjectNode export = ExportFile.MAPPER.createObjectNode().put("records", "items").put("space", space);
    return ExportList.run(spec, connection, output, export, "items", client -> client.streamItems(space),
        Item::getId);
  }
}
