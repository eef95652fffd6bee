package io.segmenta.app;

import io.segmenta.analysis.AnalyzeCommand;
import io.segmenta.app.demo.DemoCommand;
import io.segmenta.app.generate.GenerateCommand;
import io.segmenta.app.produce.ProduceCommand;
import io.segmenta.app.replay.ReplayCommand;
import io.segmenta.streams.AssignerCommand;
import io.segmenta.trainer.TrainerCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of {@code ./segment}: one sub-command per thing a user runs. */
@Command(name = "segment", mixinStandardHelpOptions = true, version = "segmenta 0.1.0-SNAPSHOT",
        description = "Streaming customer segmentation on Kafka.",
        subcommands = {DemoCommand.class, GenerateCommand.class, ProduceCommand.class, AnalyzeCommand.class,
                AssignerCommand.class, TrainerCommand.class, ReplayCommand.class, RegistryCommand.class, CommandLine.HelpCommand.class})
public final class SegmentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main and tests. */
    static CommandLine commandLine() {
        return new CommandLine(new SegmentCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
