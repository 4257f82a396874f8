package com.serviceform.cli;

import picocli.CommandLine.Command;

/** The top-level command. */
@Command(name = "serviceform", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "The Serviceform Public API from the command line.",
    subcommands = {ExportCommand.class, ProbeCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the export finished; probe: every answer matched the spec",
        "1:a fault of the command itself",
        "2:bad arguments, or an output that cannot be resumed or overwritten as asked",
        "3:no API key (SERVICEFORM_API_KEY or --api-key-file)",
        "4:the API refused the key",
        "5:the API answered an error",
        "6:no answer (network, timeout): run again to resume",
        "7:stopped short (crowded second, request budget): resumable",
        "8:the output could not be written",
        "9:probe: answers differ from the spec (see the report)",
        "130:interrupted: run again to resume"})
final class ServiceformCommand {}
