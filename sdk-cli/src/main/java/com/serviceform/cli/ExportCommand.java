package com.serviceform.cli;

import picocli.CommandLine.Command;

/** {@code serviceform export ...}. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Writes records to a file as NDJSON (one JSON object a line), with progress on a terminal and "
        + "resume after an interruption: run the same command again.",
    subcommands = {ExportChats.class, ExportLeads.class, ExportItems.class})
final class ExportCommand {}
