package io.segmenta.app.generate;

import io.segmenta.transactions.TransactionMappings;
import io.segmenta.transactions.synthetic.GeneratorOptions;
import io.segmenta.transactions.synthetic.SyntheticDataset;
import io.segmenta.transactions.synthetic.Variant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code ./segment generate}: writes a synthetic transactions file in the Online Retail layout and its truth over
 * time, from the generator that was written independently of the model (unlike the demo's). Exit code 0 when
 * written, 2 on a bad argument (with one line saying which), 1 when the files cannot be written.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write synthetic transactions (Online Retail layout) and their truth.csv, from a generator "
                + "written independently of the model, to test it honestly.",
                "",
                "Examples:",
                "  generate --out /tmp/gen",
                "  generate --out /tmp/gen-drift --variant drifting --drift-share 0.2 --customers 5000 --days 180"})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "FOLDER",
            description = "Folder to write transactions.csv (or transactions/ with --by-day) and truth.csv to.")
    Path out;

    @Option(names = "--variant", defaultValue = "stationary", paramLabel = "stationary|drifting",
            description = "stationary: nobody changes behaviour; drifting: a share of customers switch behaviour in "
                    + "the middle third and wholesale baskets shrink slowly (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--customers", defaultValue = "" + GeneratorOptions.DEFAULT_CUSTOMERS,
            description = "Number of customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--days", defaultValue = "" + GeneratorOptions.DEFAULT_DAYS,
            description = "Days of data from --start (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--start", defaultValue = "2011-01-01", paramLabel = "yyyy-MM-dd",
            description = "First day (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--seed", defaultValue = "" + GeneratorOptions.DEFAULT_SEED,
            description = "Random seed; the same seed writes the same files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--drift-share", paramLabel = "FRACTION",
            description = "drifting: share of customers that switch behaviour (default: "
                    + GeneratorOptions.DEFAULT_DRIFT_SHARE + ").")
    Double driftShare;

    @Option(names = "--by-day", description = "One CSV per day in <out>/transactions/ (like online-retail-by-day) "
            + "instead of one transactions.csv.")
    boolean byDay;

    @Spec
    CommandSpec spec;

    /** A bad argument: one line, exit code 2. */
    private static final class BadArgument extends RuntimeException {
        BadArgument(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        SyntheticDataset.Written w;
        try {
            GeneratorOptions options = options();
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new BadArgument("--out " + out + " is a file; give a folder");
            }
            w = SyntheticDataset.write(options, out, byDay ? SyntheticDataset.Layout.BY_DAY
                    : SyntheticDataset.Layout.SINGLE_FILE);
        } catch (BadArgument | IllegalArgumentException e) {
            err.println("generate: error: " + e.getMessage());
            err.flush();
            return 2;
        } catch (IOException e) {
            err.println("generate: error: cannot write to " + out + ": " + e);
            err.flush();
            return 1;
        }
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
        stdout.println("generate: wrote " + w.transactions() + (w.files() > 1 ? " (" + w.files() + " daily files)" : "")
                + ": " + n.format(w.rows()) + " rows, " + n.format(w.invoices()) + " invoices of which "
                + n.format(w.cancellations()) + " cancellations");
        stdout.println("generate: wrote " + w.truth() + ": " + n.format(w.customers()) + " customers ("
                + w.firstBehaviourCounts().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + "), " + n.format(w.switchedCustomers())
                + " of them switch behaviour");
        stdout.println("generate: feed it with: ./segment demo --data " + w.transactions() + " --mapping "
                + TransactionMappings.ONLINE_RETAIL);
        stdout.flush();
        return 0;
    }

    private GeneratorOptions options() {
        Variant v;
        LocalDate first;
        try {
            v = Variant.parse(variant);
        } catch (IllegalArgumentException e) {
            throw new BadArgument("--variant: " + e.getMessage());
        }
        try {
            first = LocalDate.parse(start);
        } catch (DateTimeParseException e) {
            throw new BadArgument("--start must be a date yyyy-MM-dd, was '" + start + "'");
        }
        if (driftShare != null && v != Variant.DRIFTING) {
            throw new BadArgument("--drift-share applies to --variant drifting only");
        }
        try {
            return new GeneratorOptions(customers, days, first, seed, v,
                    driftShare == null ? GeneratorOptions.DEFAULT_DRIFT_SHARE : driftShare);
        } catch (IllegalArgumentException e) {
            throw new BadArgument("--" + e.getMessage().replaceFirst("^drift share", "drift-share"));
        }
    }
}
